package io.quartermaster.engine.webhook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.engine.webhook.OperatorEndpoint.Call;
import io.quartermaster.engine.webhook.OperatorEndpoint.Reply;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Orders carried out by a real Quartermaster through a real operator endpoint. */
class WebhookOrdersTest {

  private static final String SECRET = "orders-test-webhook-secret";
  private static final String CPU = "modelarts.vm.cpu.8ud";
  private static final String GPU = "modelarts.vm.gpu.t4u8";

  @TempDir static Path dataDir;
  private static OperatorEndpoint endpoint;
  private static QuartermasterWithWebhook qm;

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

  @Test
  void eachItemIsPostedOnceSignedAndThePoolRunsWhenAllSucceed() throws Exception {
    String display = uniqueName();
    JsonNode created = qm.createPool(display, CPU, 2);
    String orderId = created.at("/metadata/annotations/os.modelarts~1order.id").asText();

    JsonNode pool = qm.awaitPhase(display, "Running");

    assertEquals(2, pool.at("/status/resources/available/0/count").asInt());
    // The pool comes first; its nodes are created together, so they arrive in either order.
    List<Call> calls =
        endpoint.calls(qm.poolName(display)).stream()
            .sorted(Comparator.comparing(Call::key))
            .toList();
    assertEquals("createPool", endpoint.calls(qm.poolName(display)).get(0).action());
    assertEquals(
        List.of("createPool", "createNode", "createNode"),
        calls.stream().map(Call::action).toList());
    long now = Instant.now().getEpochSecond();
    for (int seq = 0; seq < calls.size(); seq++) {
      Call call = calls.get(seq);
      assertTrue(call.signed(), "valid signature on " + call.action());
      assertEquals(orderId + "-" + seq, call.key());
      assertEquals(call.key(), call.json().get("idempotencyKey").asText());
      assertEquals(1, call.attempt());
      assertEquals("application/json", call.header("Content-Type"));
      long timestamp = Long.parseLong(call.header("X-Quartermaster-Timestamp"));
      assertTrue(Math.abs(now - timestamp) < 300, "timestamp is the time of sending");
    }
    assertEquals(qm.poolName(display), calls.get(0).json().get("resourceName").asText());
    assertEquals(CPU, calls.get(1).json().get("flavor").asText());
    assertTrue(calls.get(2).json().get("az").asText().startsWith("az-"));
  }

  @Test
  void aFailedAnswerFailsTheOrderWithTheEndpointsMessage() throws Exception {
    String display = uniqueName();
    endpoint.script(
        qm.poolName(display),
        call ->
            call.action().equals("createNode") ? Reply.failed("no GPUs left") : Reply.succeeded());
    qm.createPool(display, GPU, 2);

    JsonNode pool = qm.awaitPhase(display, "CreationFailed");

    String message = pool.at("/status/message").asText();
    assertTrue(message.contains("no GPUs left"), message);
    assertTrue(qm.failReason(display).contains("no GPUs left"), qm.failReason(display));
    // Both nodes were in flight together; each item was sent (first attempts only: a busy
    // machine may time one out and send it again), and nothing after.
    assertEquals(
        List.of("createPool", "createNode", "createNode"),
        endpoint.calls(qm.poolName(display)).stream()
            .filter(c -> c.attempt() == 1)
            .map(Call::action)
            .toList());
  }

  @Test
  void unavailableAnswersAreRetriedUnderOneKeyUntilTheEndpointDecides() throws Exception {
    String display = uniqueName();
    endpoint.script(
        qm.poolName(display),
        call ->
            call.action().equals("createPool") && call.attempt() <= 2
                ? Reply.json(503, "{\"message\":\"restarting\"}")
                : Reply.succeeded());
    qm.createPool(display, CPU, 1);

    qm.awaitPhase(display, "Running");

    List<Call> poolCalls =
        endpoint.calls(qm.poolName(display)).stream()
            .filter(c -> c.action().equals("createPool"))
            .toList();
    assertEquals(List.of(1, 2, 3), poolCalls.stream().map(Call::attempt).toList());
    assertEquals(1, poolCalls.stream().map(Call::key).distinct().count(), "one key: " + poolCalls);
    assertTrue(poolCalls.stream().allMatch(Call::signed));
    assertArrayEquals(poolCalls.get(0).body(), poolCalls.get(2).body(), "the same body each time");
    assertEquals(
        List.of("1", "2", "3"),
        poolCalls.stream().map(c -> c.header("X-Quartermaster-Attempt")).toList());
  }

  @Test
  void aClientErrorFailsTheItemNamingTheStatus() throws Exception {
    String display = uniqueName();
    endpoint.script(
        qm.poolName(display),
        call ->
            call.action().equals("createNode")
                ? Reply.json(400, "{\"message\":\"flavor retired\"}")
                : Reply.succeeded());
    qm.createPool(display, CPU, 1);

    JsonNode pool = qm.awaitPhase(display, "CreationFailed");

    String message = pool.at("/status/message").asText();
    assertTrue(message.contains("HTTP 400") && message.contains("flavor retired"), message);
    assertEquals(2, endpoint.calls(qm.poolName(display)).size(), "a refusal is not retried");
  }

  @Test
  void anEndpointThatNeverAnswersIsRetriedThenTheOrderFails() throws Exception {
    String display = uniqueName();
    endpoint.script(qm.poolName(display), call -> Reply.silent());
    qm.createPool(display, CPU, 1);

    JsonNode pool = qm.awaitPhase(display, "CreationFailed");

    List<Call> all = endpoint.calls(qm.poolName(display));
    List<Call> calls =
        all.stream().filter(c -> c.header("X-Quartermaster-Abandon") == null).toList();
    int runs = QuartermasterWithWebhook.ENGINE_RETRIES + 1;
    assertEquals(QuartermasterWithWebhook.WEBHOOK_ATTEMPTS * runs, calls.size(), "each run tries");
    assertEquals(
        QuartermasterWithWebhook.WEBHOOK_ATTEMPTS,
        all.size() - calls.size(),
        "then the item is handed back to be undone, with as many attempts");
    assertEquals(1, calls.stream().map(Call::key).distinct().count(), "under one key");
    String reason = qm.failReason(display);
    assertTrue(
        reason.contains("no answer within " + QuartermasterWithWebhook.WEBHOOK_TIMEOUT), reason);
    assertTrue(!reason.contains("Exception") && !reason.contains("127.0.0.1"), reason);
    assertEquals(reason, pool.at("/status/message").asText());
  }

  private static String uniqueName() {
    return "wh-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
