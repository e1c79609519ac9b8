package io.quartermaster.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.app.Application;
import io.quartermaster.app.Config;
import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.Eventually;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.Identities;
import io.quartermaster.testing.LogCapture;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.ServiceProcess;
import io.quartermaster.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL's postmaster is killed with {@code kill -9} under running orders: the
 * service reports not-ready, starts PostgreSQL again on the same port by itself, and every order
 * then completes.
 */
class EmbeddedPostgresKilledTest {

  private static final int POOLS = 3;
  private static final int NODES = 4;

  @TempDir Path dataDir;

  @Test
  void theServiceStartsItsKilledPostgresAgainAndOrdersComplete() throws Exception {
    Config base = TestServer.testConfig(dataDir);
    EngineConfig engine = base.engine();
    Config config =
        base.withEngine(
            new EngineConfig(
                engine.workers(),
                engine.pollInterval(),
                engine.heartbeatInterval(),
                engine.missedHeartbeats(),
                engine.maxRetries(),
                engine.retryBackoff(),
                Duration.ofMillis(300),
                engine.simulatedFaults()));
    try (Application app = Application.start(config, Clock.systemUTC());
        LogCapture log = LogCapture.of("")) {
      ApiClient admin =
          new Identities(new ApiClient("http://127.0.0.1:" + app.port(), null))
              .login("admin", TestServer.ADMIN_PASSWORD, "default");
      String project = admin.get("/v3/projects?name=default").body().at("/projects/0/id").asText();
      for (int i = 0; i < POOLS; i++) {
        HttpResult created =
            admin.post("/v2/" + project + "/pools", Pools.body("killed-" + i, Pools.CPU, NODES));
        assertEquals(200, created.status(), created.rawBody());
      }
      ServiceProcess.sleep(Duration.ofMillis(500));

      ProcessHandle postmaster = postmaster();
      postmaster.destroyForcibly();
      postmaster.onExit().get();
      boolean sawNotReady = false;
      Instant deadline = Instant.now().plusSeconds(60);
      while (ServiceProcess.health(app.port()) != 200 || !sawNotReady) {
        sawNotReady |= ServiceProcess.health(app.port()) == 503;
        assertTrue(Instant.now().isBefore(deadline), "healthy again within 60 s");
        ServiceProcess.sleep(Duration.ofMillis(100));
      }

      assertTrue(postmaster().pid() != postmaster.pid(), "a new postmaster runs");
      Eventually.until(
          () ->
              admin.get("/v1/" + project + "/orders?phase=successed").body().path("count").asInt(),
          n -> n == POOLS,
          Duration.ofSeconds(90));
      assertEquals(
          0, admin.get("/v1/" + project + "/orders?phase=processing").body().path("count").asInt());
      assertTrue(
          log.messages().stream()
              .anyMatch(m -> m != null && m.startsWith("The embedded PostgreSQL runs again")),
          "the restart is logged");
    }
  }

  private ProcessHandle postmaster() throws Exception {
    Path pidFile = dataDir.toRealPath().resolve("postgres").resolve("postmaster.pid");
    long pid = Long.parseLong(Files.readAllLines(pidFile, StandardCharsets.UTF_8).get(0).strip());
    return ProcessHandle.of(pid).orElseThrow();
  }
}
