package io.quartermaster.engine.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.engine.ProvisionOutcome;
import io.quartermaster.engine.ProvisionRequest;
import io.quartermaster.engine.webhook.OperatorEndpoint.Call;
import io.quartermaster.engine.webhook.OperatorEndpoint.Reply;
import io.quartermaster.order.ItemAction;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The provider against a real endpoint, without the rest of the service. */
class WebhookProviderTest {

  private static final String SECRET = "provider-test-secret-0123";

  /**
   * Ample for an endpoint that answers: the first request of a cold JVM on a busy machine can take
   * longer than the short timeout below, and would then be asked again.
   */
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

  /** How long the test that is about silence waits for each answer that never comes. */
  private static final Duration SILENCE = Duration.ofMillis(300);

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);

  private final OperatorEndpoint endpoint = OperatorEndpoint.start(SECRET);

  @AfterEach
  void stop() {
    endpoint.close();
  }

  @Test
  void postsTheItemAsSignedJsonUnderItsIdempotencyKey() throws Exception {
    ProvisionRequest node =
        new ProvisionRequest(
            "CS2405011200ABCDE-1",
            ItemAction.CREATE_NODE,
            "p1",
            "pool-a",
            "node-x1",
            Optional.of("modelarts.vm.cpu.8ud"),
            Optional.of("az-1b"));

    ProvisionOutcome outcome = provider(config(endpoint.url(), 1)).apply(node);

    assertEquals(ProvisionOutcome.succeeded(), outcome);
    Call call = endpoint.calls("pool-a").getFirst();
    assertEquals(
        "{\"idempotencyKey\":\"CS2405011200ABCDE-1\",\"action\":\"createNode\",\"projectId\":\"p1\","
            + "\"poolName\":\"pool-a\",\"resourceName\":\"node-x1\","
            + "\"flavor\":\"modelarts.vm.cpu.8ud\",\"az\":\"az-1b\"}",
        new String(call.body(), StandardCharsets.UTF_8));
    assertEquals("application/json", call.header("Content-Type"));
    assertEquals("CS2405011200ABCDE-1", call.key());
    assertEquals(
        Long.toString(CLOCK.instant().getEpochSecond()), call.header("X-Quartermaster-Timestamp"));
    assertTrue(call.signed(), "signature verifies with the shared secret");
    assertEquals("1", call.header("X-Quartermaster-Attempt"));
  }

  @Test
  void poolItemsCarryNoFlavorOrAz() throws Exception {
    ProvisionRequest pool =
        new ProvisionRequest(
            "CS2405011200ABCDE-0",
            ItemAction.CREATE_POOL,
            "p1",
            "pool-b",
            "pool-b",
            Optional.empty(),
            Optional.empty());

    provider(config(endpoint.url(), 1)).apply(pool);

    Call call = endpoint.calls("pool-b").getFirst();
    assertEquals("createPool", call.action());
    assertFalse(call.json().has("flavor"));
    assertFalse(call.json().has("az"));
  }

  @Test
  void retryAfterIsHonouredUpToTheMaximumBackoff() throws Exception {
    endpoint.script(
        "pool-c",
        call ->
            call.attempt() == 1
                ? new Reply(429, "", Map.of("Retry-After", "3600"), Duration.ZERO)
                : Reply.succeeded());
    long started = System.nanoTime();

    ProvisionOutcome outcome = provider(config(endpoint.url(), 3)).apply(request("pool-c"));

    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertEquals(ProvisionOutcome.succeeded(), outcome);
    assertEquals(List.of(1, 2), endpoint.calls("pool-c").stream().map(Call::attempt).toList());
    assertTrue(took.compareTo(Duration.ofMillis(300)) >= 0, "waited the maximum backoff: " + took);
    assertTrue(took.compareTo(Duration.ofSeconds(20)) < 0, "not the hour asked for: " + took);
  }

  @Test
  void anAnswerThatDecidesNothingThrowsWithoutAskingAgain() {
    endpoint.script("pool-d", call -> Reply.json(200, "<html>welcome</html>"));

    WebhookUnavailableException thrown =
        assertThrows(
            WebhookUnavailableException.class,
            () -> provider(config(endpoint.url(), 3)).apply(request("pool-d")));

    assertTrue(thrown.getMessage().contains("HTTP 200"), thrown.getMessage());
    assertEquals(1, endpoint.calls("pool-d").size());
  }

  @Test
  void aSilentEndpointIsAskedTheConfiguredTimesThenTheCallThrows() {
    endpoint.script("pool-e", call -> Reply.silent());

    WebhookUnavailableException thrown =
        assertThrows(
            WebhookUnavailableException.class,
            () -> provider(config(endpoint.url(), 2, SILENCE)).apply(request("pool-e")));

    assertEquals(
        "webhook gave no usable answer in 2 attempts (last: no answer within PT0.3S)",
        thrown.getMessage());
    List<Call> calls = endpoint.calls("pool-e");
    assertEquals(2, calls.size());
    assertEquals(calls.get(0).key(), calls.get(1).key());
  }

  @Test
  void anUnreachableEndpointIsAskedTheConfiguredTimesThenTheCallThrows() throws IOException {
    URI closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/hook");
    }

    WebhookUnavailableException thrown =
        assertThrows(
            WebhookUnavailableException.class,
            () -> provider(config(closed, 3)).apply(request("pool-f")));

    assertTrue(thrown.getMessage().startsWith("webhook gave no usable answer in 3 attempts"));
    assertTrue(thrown.getMessage().contains("could not reach the webhook"), thrown.getMessage());
    assertFalse(thrown.getMessage().contains("127.0.0.1"), "the address stays out of orders");
  }

  private static WebhookProvider provider(WebhookConfig config) {
    return new WebhookProvider(config, CLOCK);
  }

  private static WebhookConfig config(URI url, int attempts) {
    return config(url, attempts, ANSWER_TIMEOUT);
  }

  private static WebhookConfig config(URI url, int attempts, Duration timeout) {
    return new WebhookConfig(
        url, SECRET, timeout, attempts, Duration.ofMillis(20), Duration.ofMillis(300));
  }

  private static ProvisionRequest request(String poolName) {
    return new ProvisionRequest(
        "CS2405011200ZZZZZ-0",
        ItemAction.CREATE_POOL,
        "p1",
        poolName,
        poolName,
        Optional.empty(),
        Optional.empty());
  }
}
