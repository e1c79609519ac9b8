package io.quartermaster.engine.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.engine.webhook.OperatorEndpoint.Call;
import io.quartermaster.engine.webhook.OperatorEndpoint.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider endpoint that misbehaves: it hangs, answers garbage, fails with 500 for a while or for
 * good, or answers only after the timeout. Each order either completes or fails with a reason that
 * says what went wrong; none is left processing, a failed pool holds no nodes, and an item the
 * endpoint carried out is never carried out again (a late answer's retry is answered from the first
 * outcome, as the idempotency contract asks of operators).
 */
class WebhookFaultsTest {

  private static final String SECRET = "faults-test-webhook-secret";
  private static final String CPU = "modelarts.vm.cpu.8ud";
  private static final Duration A_MINUTE = Duration.ofMinutes(1);

  @TempDir static Path dataDir;
  private static OperatorEndpoint endpoint;
  private static QuartermasterWithWebhook qm;

  /** Keys the operator carried out, and how many times each was carried out. */
  private final Map<String, AtomicInteger> carriedOut = new ConcurrentHashMap<>();

  @BeforeAll
  static void start() {
    endpoint = OperatorEndpoint.start(SECRET);
    qm = new QuartermasterWithWebhook(dataDir, endpoint.url(), SECRET);
  }

  @AfterAll
  static void stop() {
    if (qm != null) {
      qm.close();
    }
    endpoint.close();
  }

  @AfterEach
  void nothingIsLeftProcessingAndNothingWasDoneTwice() {
    assertEquals(0, qm.count("select count(*) from orders where phase = 'processing'"));
    carriedOut.forEach((key, times) -> assertEquals(1, times.get(), "carried out " + key));
  }

  @Test
  void anEndpointThatAnswersGarbageFailsTheOrderSayingSo() throws Exception {
    String display = uniqueName();
    endpoint.script(
        qm.poolName(display), call -> new Reply(200, "<html>oops</html>", Map.of(), Duration.ZERO));
    qm.createPool(display, CPU, 1);

    qm.awaitPhase(display, "CreationFailed");

    String reason = qm.failReason(display);
    assertTrue(reason.contains("without a JSON body whose status is succeeded or failed"), reason);
    assertEquals(0, qm.nodes(display));
  }

  @Test
  void fiveHundredsForAWhileThenSuccessCompleteTheOrder() throws Exception {
    String display = uniqueName();
    // A down spell longer than one delivery's attempts: the engine's own retry carries it through.
    int failures = QuartermasterWithWebhook.WEBHOOK_ATTEMPTS + 1;
    AtomicInteger calls = new AtomicInteger();
    endpoint.script(
        qm.poolName(display),
        call -> calls.incrementAndGet() <= failures ? Reply.json(500, "{}") : carryOut(call));
    qm.createPool(display, CPU, 2);

    qm.awaitPhase(display, "Running");

    assertEquals(2, qm.nodes(display));
    assertEquals(3, carriedOut.size(), "the pool and its two nodes, each once");
  }

  /**
   * An endpoint down for a whole minute, with the service's default retries (the other tests retry
   * fast): the order waits it out and completes, each key carried out once.
   */
  @Test
  void fiveHundredsForAMinuteAreWaitedOutByTheDefaultRetries(@TempDir Path otherData)
      throws Exception {
    String display = uniqueName();
    AtomicReference<Instant> firstCall = new AtomicReference<>();
    try (QuartermasterWithWebhook retrying =
        QuartermasterWithWebhook.retryingAsByDefault(otherData, endpoint.url(), SECRET)) {
      endpoint.script(
          retrying.poolName(display),
          call -> {
            Instant first = firstCall.updateAndGet(at -> at == null ? Instant.now() : at);
            boolean down = Duration.between(first, Instant.now()).compareTo(A_MINUTE) < 0;
            return down ? Reply.json(500, "{}") : carryOut(call);
          });
      retrying.createPool(display, CPU, 2);

      retrying.awaitPhase(display, "Running", Duration.ofMinutes(3));

      assertEquals(2, retrying.nodes(display));
      assertEquals(3, carriedOut.size(), "the pool and its two nodes, each once");
      assertEquals(0, retrying.count("select count(*) from orders where phase = 'processing'"));
      assertEquals(
          0, retrying.count("select count(*) from order_items where status = 'processing'"));
    }
  }

  @Test
  void fiveHundredsForGoodFailTheOrderNamingTheStatus() throws Exception {
    String display = uniqueName();
    endpoint.script(qm.poolName(display), call -> Reply.json(500, "{}"));
    qm.createPool(display, CPU, 1);

    qm.awaitPhase(display, "CreationFailed");

    String reason = qm.failReason(display);
    assertTrue(reason.contains("last: HTTP 500"), reason);
    assertEquals(0, qm.nodes(display));
  }

  @Test
  void anAnswerAfterTheTimeoutIsAskedAgainAndTheFirstOutcomeCounts() throws Exception {
    String display = uniqueName();
    Duration late = QuartermasterWithWebhook.WEBHOOK_TIMEOUT.multipliedBy(2);
    endpoint.script(
        qm.poolName(display),
        call -> {
          Reply outcome = carryOut(call);
          // The first request with a key is carried out but answered too late; the retry gets the
          // stored outcome at once.
          return call.attempt() == 1
              ? new Reply(outcome.status(), outcome.body(), outcome.headers(), late)
              : outcome;
        });
    qm.createPool(display, CPU, 2);

    qm.awaitPhase(display, "Running");

    assertEquals(2, qm.nodes(display));
    List<Call> calls = endpoint.calls(qm.poolName(display));
    assertEquals(6, calls.size(), "each of three items asked twice: " + calls.size());
    assertEquals(3, carriedOut.size());
  }

  @Test
  void anItemGivenUpAfterLateAnswersIsHandedBackForTheEndpointToUndo() throws Exception {
    String display = uniqueName();
    Duration late = QuartermasterWithWebhook.WEBHOOK_TIMEOUT.multipliedBy(2);
    endpoint.script(
        qm.poolName(display),
        call -> {
          if ("true".equals(call.header("X-Quartermaster-Abandon"))) {
            return Reply.json(200, "{}");
          }
          // Carried out the first time, but every answer comes too late.
          Reply outcome = carryOut(call);
          return new Reply(outcome.status(), outcome.body(), outcome.headers(), late);
        });
    qm.createPool(display, CPU, 1);

    qm.awaitPhase(display, "CreationFailed");

    List<Call> undo =
        endpoint.calls(qm.poolName(display)).stream()
            .filter(c -> "true".equals(c.header("X-Quartermaster-Abandon")))
            .toList();
    assertEquals(1, undo.size(), "one request to undo the item that was given up");
    assertEquals(List.copyOf(carriedOut.keySet()), List.of(undo.get(0).key()));
    assertTrue(undo.get(0).signed());
    assertTrue(undo.get(0).json().path("abandon").asBoolean(), undo.get(0).json().toString());
    assertEquals("createPool", undo.get(0).action());
  }

  @Test
  void anEndpointThatHangsFailsTheOrderWithTheTimeout() throws Exception {
    String display = uniqueName();
    endpoint.script(qm.poolName(display), call -> Reply.silent());
    qm.createPool(display, CPU, 1);

    qm.awaitPhase(display, "CreationFailed");

    String reason = qm.failReason(display);
    assertTrue(reason.contains("no answer within"), reason);
    assertEquals(0, qm.nodes(display));
  }

  /** The operator's side: carries the key out the first time, answers succeeded every time. */
  private Reply carryOut(Call call) {
    if (call.attempt() == 1 || !carriedOut.containsKey(call.key())) {
      carriedOut.computeIfAbsent(call.key(), k -> new AtomicInteger()).incrementAndGet();
    }
    return Reply.succeeded();
  }

  private static String uniqueName() {
    return "wf-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
