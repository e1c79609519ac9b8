package io.quartermaster.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.app.Application;
import io.quartermaster.error.InvalidConfigException;
import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.TempDirs;
import io.quartermaster.testing.TestServer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code QM_METRICS_PORT} and {@code QM_METRICS=off}, each on a service of its own. The two share
 * one data directory, one after the other, so that the second start is quick.
 */
class MetricsPortTest {

  private static Path dataDir;

  @BeforeAll
  static void dataDir() throws Exception {
    dataDir = Files.createTempDirectory("qm-metrics-port-");
  }

  @AfterAll
  static void removeDataDir() {
    TempDirs.deleteQuietly(dataDir);
  }

  @Test
  void onAPortOfTheirOwnMetricsAreServedThereAndOnlyThere() {
    try (Application app = start(MetricsConfig.onPort(0))) {
      int metricsPort = app.metricsPort().orElseThrow();
      assertNotEquals(app.port(), metricsPort);
      HttpResult scrape = client(metricsPort).get("/metrics");
      assertEquals(200, scrape.status(), scrape::toString);
      assertTrue(scrape.rawBody().contains("qm_engine_queue_depth"));

      ApiClient api = client(app.port());
      assertEquals(404, api.get("/metrics").status());
      assertEquals(200, api.get("/health").status());
      assertEquals(200, api.get("/openapi.json").status());
      // The metrics port serves nothing else (the document describes the API's port, so this
      // answer is not checked against it).
      assertEquals(404, client(metricsPort).unchecked().get("/health").status());
      // Requests to the API are still counted, and reported on the metrics port.
      assertTrue(
          Scrape.parse(client(metricsPort).get("/metrics").rawBody())
                  .value(
                      "http_server_requests_seconds_count",
                      java.util.Map.of("route", "/health", "status", "200"))
              >= 1);
    }
  }

  @Test
  void switchedOffThereIsNoMetricsEndpoint() {
    try (Application app = start(MetricsConfig.OFF)) {
      assertEquals(OptionalInt.empty(), app.metricsPort());
      HttpResult scrape = client(app.port()).get("/metrics");
      assertEquals(404, scrape.status(), scrape::toString);
      assertEquals("ModelArts.50015001", scrape.errorCode());
      assertEquals(200, client(app.port()).get("/health").status());
    }
  }

  @Test
  void aMetricsPortInUseStopsTheStartAndLeavesNothingBehind() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      InvalidConfigException e =
          assertThrows(
              InvalidConfigException.class,
              () -> start(MetricsConfig.onPort(taken.getLocalPort())));
      assertTrue(
          e.getMessage().contains(taken.getLocalPort() + " (QM_METRICS_PORT)"), e.getMessage());
    }
    // The database and the data directory were released: the next start on them works.
    try (Application app = start(MetricsConfig.DEFAULT)) {
      assertEquals(200, client(app.port()).get("/metrics").status());
    }
  }

  private static Application start(MetricsConfig metrics) {
    return Application.start(
        TestServer.testConfig(dataDir).withMetrics(metrics), Clock.systemUTC());
  }

  private static ApiClient client(int port) {
    return new ApiClient("http://127.0.0.1:" + port, null);
  }
}
