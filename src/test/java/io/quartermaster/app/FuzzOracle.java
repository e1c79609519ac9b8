package io.quartermaster.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.json.Json;
import io.quartermaster.testing.OpenApiContract;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;

/**
 * Sends generated requests and judges each answer: never a 5xx; every error in the contract's
 * format, with the status its code stands for; every answer as the OpenAPI document describes it;
 * and nothing changed in the database by a request that was refused. Counts what it saw.
 */
final class FuzzOracle {

  /** The statuses each error code of the {@code /v1} and {@code /v2} APIs may come with. */
  static final Map<String, Set<Integer>> STATUSES_BY_CODE =
      Map.ofEntries(
          // The contract's bad-request code also stands for what a vendor client knows no code
          // for: a wrong method, media type or Accept, and what the HTTP layer refuses early.
          Map.entry("ModelArts.50004000", Set.of(400, 405, 406, 413, 414, 415, 431)),
          Map.entry("ModelArts.3561", Set.of(400)),
          Map.entry("ModelArts.5042", Set.of(400)),
          Map.entry("ModelArts.50001000", Set.of(401)),
          Map.entry("ModelArts.0210", Set.of(403)),
          Map.entry("ModelArts.0108", Set.of(403)),
          Map.entry("ModelArts.50015001", Set.of(404)),
          Map.entry("ModelArts.50005101", Set.of(404)),
          Map.entry("ModelArts.50015000", Set.of(409)),
          Map.entry("ModelArts.50015002", Set.of(409)),
          Map.entry("ModelArts.50015003", Set.of(409)),
          Map.entry("ModelArts.50015004", Set.of(410)),
          Map.entry("ModelArts.50004220", Set.of(422)),
          Map.entry("ModelArts.50004290", Set.of(429)));

  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(60);

  private final FuzzWorld world;
  private final RawHttp http;
  private final Jdbi jdbi;
  private final SortedMap<Integer, AtomicLong> statuses = new TreeMap<>();
  private long sent;
  private long sendNanos;
  private long snapshotNanos;
  private StateSnapshot unchanged;

  FuzzOracle(FuzzWorld world) {
    this.world = world;
    this.http = new RawHttp(world.server().port());
    this.jdbi = world.server().jdbi();
  }

  /** Renders {@code plan}, sends it, and fails with an {@link AssertionError} that says why. */
  void check(FuzzPlan plan) {
    long started = System.nanoTime();
    FuzzRequest request = plan.render(world, http.port());
    List<String> watched = world.watchedProjects();
    // The state after the last refusal is the state now: nothing else changes the watched
    // projects between two requests, so it need not be read again.
    StateSnapshot before = unchanged != null ? unchanged : StateSnapshot.take(jdbi, watched);
    unchanged = null;
    long sending = System.nanoTime();
    snapshotNanos += sending - started;
    RawHttp.Answer answer = http.send(request);
    sendNanos += System.nanoTime() - sending;
    sent++;
    statuses.computeIfAbsent(answer.status(), s -> new AtomicLong()).incrementAndGet();
    String what = "\n" + request + "\nwas answered\n" + answer;
    if (answer.status() >= 500) {
      throw new AssertionError("a server error" + what);
    }
    if (answer.header("x-request-id") == null) {
      throw new AssertionError("no X-Request-Id" + what);
    }
    if (answer.status() >= 400) {
      checkErrorBody(request, answer, what);
      StateSnapshot after = StateSnapshot.take(jdbi, watched);
      String changes =
          after.changesSince(before, request.header("Idempotency-Key"), answer.status());
      if (!changes.isEmpty()) {
        throw new AssertionError("a refused request changed the database:\n" + changes + what);
      }
      unchanged = after;
    } else if (!List.of("GET", "HEAD").contains(request.method())) {
      settle();
    }
    checkAgainstOpenApi(request, answer, what);
  }

  private static void checkErrorBody(FuzzRequest request, RawHttp.Answer answer, String what) {
    String type = String.valueOf(answer.header("content-type"));
    if (!type.startsWith("application/json")) {
      throw new AssertionError("an error that is not JSON (" + type + ")" + what);
    }
    if (request.method().equals("HEAD")) {
      return;
    }
    JsonNode body;
    try {
      body = Json.mapper().readTree(answer.body());
    } catch (Exception e) {
      throw new AssertionError("an error body that does not parse" + what, e);
    }
    if (body != null && body.has("error") && request.path().startsWith("/v3")) {
      return;
    }
    if (body == null
        || body.size() != 2
        || !body.path("error_code").isTextual()
        || !body.path("error_msg").isTextual()
        || body.path("error_msg").asText().isBlank()) {
      throw new AssertionError("an error not in the contract's format" + what);
    }
    String code = body.get("error_code").asText();
    Set<Integer> expected = STATUSES_BY_CODE.get(code);
    if (expected == null || !expected.contains(answer.status())) {
      throw new AssertionError(
          "error code "
              + code
              + " with status "
              + answer.status()
              + ", expected "
              + expected
              + what);
    }
    if (body.get("error_msg").asText().contains("Exception")) {
      throw new AssertionError("an error message that names an exception" + what);
    }
  }

  /** Methods the document can describe; other methods get 405 or an early 400, checked above. */
  private static final Set<String> DOCUMENTED_METHODS =
      Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

  /**
   * Statuses the HTTP layer answers before any route, for any path (a malformed request line, query
   * or header; a body, target or header block over its limit). The document lists them where a
   * handler gives them too; elsewhere they are checked only for the contract's error format.
   */
  private static final Set<Integer> EARLY_STATUSES = Set.of(400, 413, 414, 431);

  /**
   * The OpenAPI check, on the path as the server routes it (dot segments and doubled slashes
   * resolved), for every target a URI can hold and every method the document can describe.
   */
  private static void checkAgainstOpenApi(FuzzRequest request, RawHttp.Answer answer, String what) {
    if (!DOCUMENTED_METHODS.contains(request.method())) {
      return;
    }
    String type = String.valueOf(answer.header("content-type"));
    if (type.startsWith("text/event-stream")) {
      return;
    }
    if (request.target().startsWith("//")) {
      // Read as an authority and a path ("//host/path"): whatever is routed is not this path.
      return;
    }
    URI uri;
    try {
      // Routed as the server routes it: doubled slashes, dot segments and ;parameters resolved.
      // And as it went on the wire: encoding to UTF-8 turns a lone surrogate into '?', which the
      // server then reads as the start of the query.
      String sent =
          new String(request.target().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
      String routed = sent.replaceAll("/{2,}", "/").replaceAll(";[^/?#]*", "");
      uri = URI.create("http://127.0.0.1" + routed).normalize();
    } catch (IllegalArgumentException e) {
      return;
    }
    OpenApiContract contract = OpenApiContract.get();
    try {
      contract.check(
          request.method(),
          uri,
          answer.status(),
          HttpHeaders.of(answer.headers(), (name, value) -> true),
          answer.body());
    } catch (AssertionError e) {
      if (EARLY_STATUSES.contains(answer.status())) {
        return;
      }
      throw new AssertionError(e.getMessage() + what, e);
    }
  }

  /**
   * Waits until the orders an accepted request placed are carried out, so that the next snapshot is
   * not taken while the engine is still changing things, and replaces a pool it deleted.
   */
  private void settle() {
    long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
    while (StateSnapshot.ordersInProgress(jdbi, world.watchedProjects()) > 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("orders still processing after " + SETTLE_TIMEOUT);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    world.replaceDeletedPools();
  }

  /**
   * Where the time went: sending and answering, and reading the state before requests each request.
   */
  String timeSpent() {
    return "%d s sending, %d s reading the state before requests"
        .formatted(sendNanos / 1_000_000_000L, snapshotNanos / 1_000_000_000L);
  }

  long sent() {
    return sent;
  }

  /** The statuses seen, with their counts, such as {@code 200=410 400=1200}. */
  String statusesSeen() {
    StringBuilder out = new StringBuilder();
    statuses.forEach((status, count) -> out.append(status).append('=').append(count).append(' '));
    return out.toString().strip();
  }
}
