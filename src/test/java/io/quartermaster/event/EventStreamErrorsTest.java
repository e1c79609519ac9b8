package io.quartermaster.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.PoolDriver;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.SseClient;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Streams that cannot start answer before they start, with the contract's JSON error and status,
 * and leave no stream open behind them.
 */
class EventStreamErrorsTest {

  private static final TestServer SERVER = TestServer.get();
  // The flavor with the most room: nodes taken by the shared server's tests are never given back,
  // and the scarcer ones are for the tests that need them.
  private static final String ROOMY = "modelarts.vm.cpu.2u.d";

  private final Tenant tenant = SERVER.newTenant();
  private final PoolDriver pools = new PoolDriver(tenant);

  private String events() {
    return "/v1/" + tenant.projectId() + "/events";
  }

  private void assertRefused(
      ApiClient client, String path, Map<String, String> headers, int status, String code) {
    int before = SERVER.openEventStreams();
    try (SseClient stream = SseClient.open(client, path, headers)) {
      assertEquals(status, stream.status());
      assertTrue(stream.header("Content-Type").startsWith("application/json"));
      assertTrue(stream.header("X-Request-Id") != null);
      JsonNode error = stream.errorJson();
      assertEquals(code, error.get("error_code").asText(), error::toString);
      assertTrue(error.get("error_msg").asText().length() > 10, error::toString);
    }
    // At most as many as before: streams of other tests may end meanwhile, none may be added.
    int after = SERVER.openEventStreams();
    assertTrue(after <= before, "a refused stream was left open: " + before + " then " + after);
  }

  @Test
  void withoutCredentialsAStreamIsA401() {
    assertRefused(SERVER.client(), events(), Map.of(), 401, "ModelArts.50001000");
    assertRefused(
        SERVER.client().withToken("not-a-token"), events(), Map.of(), 401, "ModelArts.50001000");
  }

  @Test
  void anotherProjectsStreamIsA403() {
    Tenant other = SERVER.newTenant();
    assertRefused(other.viewer(), events(), Map.of(), 403, "ModelArts.0210");
    assertRefused(
        other.member(),
        "/v1/" + tenant.projectId() + "/orders/order.x-aaaaa/events",
        Map.of(),
        403,
        "ModelArts.0210");
  }

  @Test
  void aBadResumePositionIsA400() {
    for (String after : List.of("-1", "abc", "1.5", "1234567890123456789")) {
      assertRefused(
          tenant.viewer(), events() + "?after=" + after, Map.of(), 400, "ModelArts.50004000");
    }
    assertRefused(
        tenant.viewer(), events(), Map.of("Last-Event-ID", "x7"), 400, "ModelArts.50004000");
  }

  @Test
  void aResumePositionBeyondTheNewestEventIsA400() {
    assertRefused(tenant.viewer(), events() + "?after=1", Map.of(), 400, "ModelArts.50004000");
  }

  @Test
  void theStreamOfAnUnknownOrderIsA404() {
    assertRefused(
        tenant.viewer(),
        "/v1/" + tenant.projectId() + "/orders/order.none-aaaaa/events",
        Map.of(),
        404,
        "ModelArts.50015001");
  }

  @Test
  void aClientThatAcceptsNoEventStreamGetsA406() {
    assertRefused(
        tenant.viewer(), events(), Map.of("Accept", "application/json"), 406, "ModelArts.50004000");
  }

  /**
   * Retention purges old orders with their events. A client resuming from before a purged event has
   * missed it for good, and hears so instead of getting a silent gap.
   */
  @Test
  void resumingFromBeforePurgedEventsIsA410ThatSaysWhereToResume() {
    String old = Pools.uniqueName();
    pools.create(Pools.body(old, ROOMY, 1));
    pools.awaitLatestOrderFinished(old);
    String oldOrder = pools.orders(old).at("/items/0/orderName").asText();
    String recent = Pools.uniqueName();
    pools.create(Pools.body(recent, ROOMY, 1));
    pools.awaitLatestOrderFinished(recent);
    // What retention's purge does to the log (it deletes the order's events with the order).
    int purged =
        SERVER
            .jdbi()
            .withHandle(
                h ->
                    h.createUpdate(
                            "delete from order_events where project_id = :p and order_name = :o")
                        .bind("p", tenant.projectId())
                        .bind("o", oldOrder)
                        .execute());
    assertEquals(7, purged);

    assertRefused(tenant.viewer(), events() + "?after=0", Map.of(), 410, "ModelArts.50015004");
    assertRefused(
        tenant.viewer(), events(), Map.of("Last-Event-ID", "6"), 410, "ModelArts.50015004");

    try (SseClient stream = SseClient.open(tenant.viewer(), events() + "?after=7")) {
      assertEquals(200, stream.status());
      assertEquals("8", stream.next(Duration.ofSeconds(30)).id());
    }
  }
}
