package io.quartermaster.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.Eventually;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.PoolDriver;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {

  private static final TestServer SERVER = TestServer.get();

  private final ApiClient anonymous = SERVER.client();

  @Test
  void metricsAreServedInThePrometheusTextFormatWithoutAuthentication() {
    HttpResult result = anonymous.get("/metrics");
    assertEquals(200, result.status(), result::toString);
    assertEquals("text/plain; version=0.0.4; charset=utf-8", result.header("Content-Type"));
    Scrape scrape = Scrape.parse(result.rawBody());
    for (String name :
        List.of(
            "qm_orders",
            "qm_orders_oldest_processing_seconds",
            "qm_engine_queue_depth",
            "qm_engine_running",
            "qm_engine_oldest_waiting_seconds",
            "hikaricp_connections_active",
            "hikaricp_connections_max",
            "jvm_memory_used_bytes",
            "qm_event_stream_subscribers",
            "qm_webhook_deliveries_seconds_count")) {
      assertTrue(scrape.has(name), name + " is missing");
    }
    assertEquals(12, scrape.matching("qm_orders", Map.of()).size(), "4 phases x 3 operations");
  }

  @Test
  void requestsAreCountedByRouteTemplateAndStatusNotByRawPath() {
    Tenant tenant = SERVER.newTenant();
    String route = "/v1/{projectId}/orders";
    Map<String, String> ok = Map.of("method", "GET", "route", route, "status", "200");
    double before = scrape().value("http_server_requests_seconds_count", ok);
    tenant.member().get("/v1/" + tenant.projectId() + "/orders");
    tenant.member().get("/v1/" + tenant.projectId() + "/orders?limit=1");
    tenant.member().get("/v1/" + tenant.projectId() + "/orders?limit=x");

    Scrape after = scrape();
    assertEquals(before + 2, after.value("http_server_requests_seconds_count", ok));
    assertTrue(
        after.value("http_server_requests_seconds_count", Map.of("route", route, "status", "400"))
            >= 1);
    assertTrue(
        after.value(
                "http_server_requests_seconds_bucket",
                Map.of("route", route, "status", "200", "le", "+Inf"))
            >= 2);
    assertTrue(
        after.series().stream()
            .noneMatch(
                s -> s.labels().values().stream().anyMatch(v -> v.contains(tenant.projectId()))),
        "a project id leaked into a label");
  }

  @Test
  void requestsNoRouteTookCountAsUnmatched() {
    Map<String, String> unmatched = Map.of("route", "unmatched", "status", "404");
    double before = scrape().value("http_server_requests_seconds_count", unmatched);
    anonymous.get("/v1/nothing/here/" + System.nanoTime());
    assertEquals(before + 1, scrape().value("http_server_requests_seconds_count", unmatched));
  }

  @Test
  void anOrderCarriedOutShowsInItemsSettledAndProviderCalls() {
    Tenant tenant = SERVER.newTenant();
    Scrape before = scrape();
    Map<String, String> nodes = Map.of("action", "createNode", "status", "succeed");
    Map<String, String> calls =
        Map.of("provider", "simulated", "action", "createNode", "outcome", "succeeded");

    new PoolDriver(tenant).createRunning("metrics-a", Pools.CPU, 2);

    Scrape after = scrape();
    assertTrue(
        after.value("qm_order_items_settled_total", nodes)
            >= before.value("qm_order_items_settled_total", nodes) + 2,
        after::toString);
    assertTrue(
        after.value("qm_provider_calls_seconds_count", calls)
            >= before.value("qm_provider_calls_seconds_count", calls) + 2,
        after::toString);
  }

  @Test
  void aPendingOrderShowsInTheOrdersGauge() {
    Tenant tenant = SERVER.newTenant();
    Map<String, String> pending = Map.of("phase", "pending", "operation", "apply");
    double before = scrape().value("qm_orders", pending);

    HttpResult placed =
        tenant
            .member()
            .post(
                "/v2/" + tenant.projectId() + "/pools",
                Pools.yearly(Pools.body("metrics-p", Pools.CPU, 1)));
    assertEquals(200, placed.status(), placed::toString);

    // The gauges keep a reading for a second.
    Eventually.until(
        this::scrape,
        after -> after.value("qm_orders", pending) == before + 1,
        Duration.ofSeconds(10));
    assertTrue(scrape().value("qm_orders", Map.of("phase", "successed")) >= 0, "not NaN");
  }

  private Scrape scrape() {
    HttpResult result = anonymous.get("/metrics");
    assertEquals(200, result.status(), result::toString);
    return Scrape.parse(result.rawBody());
  }
}
