package io.quartermaster.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.app.Application;
import io.quartermaster.app.Config;
import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.Identities;
import io.quartermaster.testing.PoolDriver;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Handing an order to the engine wakes it once the transaction commits, whoever hands it over: a
 * service whose engine polls only once an hour still carries out a new order, and a paid one, at
 * once.
 */
class EngineWakeUpTest {

  @TempDir static Path dataDir;
  private static Application app;
  private static PoolDriver pools;
  private static Tenant tenant;

  @BeforeAll
  static void startAServiceThatHardlyPolls() {
    Config config = TestServer.testConfig(dataDir);
    EngineConfig engine = config.engine();
    app =
        Application.start(
            config.withEngine(
                new EngineConfig(
                    engine.workers(),
                    Duration.ofHours(1),
                    engine.heartbeatInterval(),
                    engine.missedHeartbeats(),
                    engine.maxRetries(),
                    engine.retryBackoff(),
                    engine.simulatedNodeTime(),
                    engine.simulatedFaults())),
            Clock.systemUTC());
    Identities identities = new Identities(new ApiClient("http://127.0.0.1:" + app.port(), null));
    tenant = identities.newTenant(identities.login("admin", TestServer.ADMIN_PASSWORD, "default"));
    pools = new PoolDriver(tenant);
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void aPlacedOrderRunsWithoutWaitingForThePoll() {
    JsonNode pool = pools.createRunning(Pools.uniqueName(), Pools.CPU, 1);

    assertEquals("Running", pool.at("/status/phase").asText());
  }

  @Test
  void aPaidOrderRunsWithoutWaitingForThePoll() {
    String display = Pools.uniqueName();
    JsonNode waiting = pools.create(Pools.yearly(Pools.body(display, Pools.CPU, 1)));
    assertEquals("Waiting", waiting.at("/status/phase").asText());
    String order = waiting.at("/metadata/labels/os.modelarts~1order.name").asText();

    HttpResult paid =
        tenant.member().post("/v1/" + tenant.projectId() + "/orders/" + order + "/pay", null);

    assertEquals(200, paid.status(), paid::toString);
    assertEquals("Running", pools.awaitPhase(display, "Running").at("/status/phase").asText());
  }
}
