package io.quartermaster.idempotency;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.quartermaster.error.ServiceException;
import io.quartermaster.error.UnprocessableException;
import io.quartermaster.http.ErrorBodies;
import io.quartermaster.http.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Idempotent placement: a request that carries an idempotency key is carried out once per key and
 * project within the key's time to live, and every retry gets the first answer again.
 *
 * <p>The key is claimed by inserting its row in a transaction that the handler's work then joins:
 * Jdbi hands a nested {@code inTransaction} on the same thread the handle already open, so the
 * key's row, the pool change and its order commit together or not at all. A concurrent duplicate
 * waits on the key's primary key until that transaction ends and then reads its answer, on this
 * instance or any other sharing the database.
 *
 * <p>What is stored is the first final answer: the 200, or any failure of the service's own (4xx: a
 * bad body, no such pool, a conflict, the quota), which the work's savepoint is rolled back for, so
 * that a retry is answered as the first attempt was even when the state has moved on. Failures
 * outside the service's rules (5xx) roll the whole transaction back, key included: a retry runs
 * afresh.
 */
public final class IdempotentRequests {

  /** Set on an answer that repeats a stored one. */
  public static final String REPLAYED_HEADER = "Idempotent-Replayed";

  private static final String SAVEPOINT = "idempotent_work";
  // A key row purged between a failed claim and the read is claimed again; more than a few rounds
  // of that would mean the table is being emptied under us.
  private static final int MAX_CLAIMS = 3;

  private final Jdbi jdbi;
  private final IdempotencyDao keys = new IdempotencyDao();
  private final IdempotencyConfig config;
  private final Clock clock;

  public IdempotentRequests(Jdbi jdbi, IdempotencyConfig config, Clock clock) {
    this.jdbi = jdbi;
    this.config = config;
    this.clock = clock;
  }

  /**
   * Answers {@code req} with what {@code work} returns, as JSON with status 200. Without a key that
   * is all; with one, the work runs only if the key is new in {@code projectId}.
   *
   * @param work the handler's one service call; it must open its transaction on this class's Jdbi,
   *     which it then shares with the key's claim
   * @throws io.quartermaster.error.BadRequestException when the key is malformed
   * @throws UnprocessableException when the key was used for another request
   */
  public void answer(ServerRequest req, ServerResponse res, String projectId, Supplier<?> work) {
    Optional<IdempotencyKey> key = IdempotencyKey.from(req.headers());
    if (key.isEmpty()) {
      HttpExchange.ok(res, work.get());
      return;
    }
    String path = req.path().path();
    KeyedRequest request =
        new KeyedRequest(
            projectId,
            key.get(),
            RequestFingerprint.of(req.prologue().method().text(), path, HttpExchange.body(req)));
    Outcome outcome = jdbi.inTransaction(h -> once(h, request, path, work));
    if (outcome.replayed()) {
      res.header(REPLAYED_HEADER, "true");
    }
    StoredAnswer answer = outcome.answer();
    answer.headers().forEach(res::header);
    res.status(Status.create(answer.status()));
    res.send(answer.body().getBytes(StandardCharsets.UTF_8));
  }

  /** Purges keys whose time to live has passed, {@code batchSize} per transaction. */
  public int purgeExpired(int batchSize) {
    Instant now = clock.instant();
    int total = 0;
    int done;
    do {
      done = jdbi.inTransaction(h -> keys.purgeExpired(h, now, batchSize));
      total += done;
    } while (done == batchSize);
    return total;
  }

  private record Outcome(StoredAnswer answer, boolean replayed) {}

  private Outcome once(Handle h, KeyedRequest request, String path, Supplier<?> work) {
    Instant now = clock.instant();
    for (int claims = 0; claims < MAX_CLAIMS; claims++) {
      if (keys.claim(h, request, now, now.plus(config.ttl()))) {
        StoredAnswer answer = run(h, path, work);
        keys.record(h, request, answer);
        return new Outcome(answer, false);
      }
      Optional<IdempotencyDao.Recorded> earlier = keys.find(h, request.projectId(), request.key());
      if (earlier.isPresent()) {
        if (!earlier.get().fingerprint().equals(request.fingerprint())) {
          throw UnprocessableException.keyReused(request.key().value());
        }
        return new Outcome(earlier.get().answer(), true);
      }
    }
    throw new IllegalStateException(
        "idempotency key " + request.key().value() + " could be neither claimed nor read");
  }

  /** Runs the work after a savepoint; a failure of the service's own becomes the answer. */
  private static StoredAnswer run(Handle h, String path, Supplier<?> work) {
    h.savepoint(SAVEPOINT);
    try {
      StoredAnswer answer = json(200, HttpExchange.toJson(work.get()));
      h.releaseSavepoint(SAVEPOINT);
      return answer;
    } catch (ServiceException e) {
      // Whatever the work wrote before it refused goes (rolling back also ends the savepoint); the
      // key stays, holding the refusal. Any other failure rolls the whole transaction back.
      h.rollbackToSavepoint(SAVEPOINT);
      return json(e.status(), HttpExchange.toJson(ErrorBodies.of(path, e)));
    }
  }

  private static StoredAnswer json(int status, byte[] body) {
    return new StoredAnswer(
        status,
        Map.of(HeaderNames.CONTENT_TYPE.defaultCase(), "application/json"),
        new String(body, StandardCharsets.UTF_8));
  }
}
