package io.quartermaster.engine;

import static io.quartermaster.testing.ServiceProcess.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.DataDirPostgres;
import io.quartermaster.testing.Eventually;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability by doing it: the service is killed with {@code kill -9} twice while orders are being
 * carried out, several items of each at once, restarted on the same data each time, and every order
 * still completes, with every item done once, every node recorded once and no capacity held for
 * nodes that do not exist.
 */
class CrashRecoveryIT {

  private static final int POOLS = 5;
  private static final int NODES = 12;
  private static final int PARALLELISM = 4;
  private static final String PASSWORD = "crash-test-admin";
  private static final Map<String, String> ENV =
      Map.of(
          "QM_ADMIN_PASSWORD", PASSWORD,
          "QM_PASSWORD_ITERATIONS", "1000",
          "QM_SIMULATED_NODE_TIME", "PT0.3S",
          "QM_ENGINE_ITEM_PARALLELISM", "" + PARALLELISM,
          "QM_ENGINE_POLL_INTERVAL", "PT0.2S",
          "QM_ENGINE_HEARTBEAT_INTERVAL", "PT0.5S");

  @TempDir Path tmp;
  private final List<ServiceProcess> processes = new ArrayList<>();

  @AfterEach
  void stopEverything() {
    ServiceProcess.closeAll(processes);
  }

  @Test
  void ordersSurviveKillMinus9AndRestartWithNothingDoneTwice() {
    Path data = tmp.resolve("data");
    int port = freePort();
    ApiClient api = start(data, port);
    String project =
        api.get("/v3/projects?name=default").body().get("projects").get(0).get("id").asText();
    for (int i = 0; i < POOLS; i++) {
      HttpResult created =
          api.post("/v2/" + project + "/pools", Pools.body("crash-" + i, Pools.CPU, NODES));
      assertEquals(200, created.status(), created.rawBody());
    }

    ServiceProcess.sleep(Duration.ofMillis(1200));
    assertTrue(unfinished(api, project) > 0, "the first kill hits orders in progress");
    for (int crash = 0; crash < 2; crash++) {
      processes.get(processes.size() - 1).kill();
      if (crash == 0) {
        // PostgreSQL outlives the JVM: what it holds is what the killed engine left.
        assertTrue(
            count(
                    DataDirPostgres.jdbi(data),
                    """
                    select coalesce(max(n), 0) from (select count(*) as n from order_items
                      where status = 'processing' group by order_id) caught
                    """)
                > 1,
            "the kill caught several items of one order in flight");
      }
      api = start(data, port);
      ServiceProcess.sleep(Duration.ofMillis(1200));
    }
    ApiClient restarted = api;
    Eventually.until(() -> unfinished(restarted, project), n -> n == 0, Duration.ofSeconds(120));

    JsonNode orders = restarted.get("/v1/" + project + "/orders").body();
    assertEquals(POOLS, orders.get("count").asInt());
    orders
        .get("items")
        .forEach(o -> assertEquals("successed", o.get("phase").asText(), o.toString()));
    for (int i = 0; i < POOLS; i++) {
      JsonNode pool = restarted.get("/v2/" + project + "/pools/crash-" + i + "-" + project).body();
      assertEquals("Running", pool.get("status").get("phase").asText());
      assertEquals(
          NODES, pool.get("status").get("resources").get("available").get(0).get("count").asInt());
    }
    Jdbi db = DataDirPostgres.jdbi(data);
    assertEquals(0, count(db, "select count(*) from order_items where status <> 'succeed'"));
    assertEquals(
        0,
        count(
            db,
            """
            select count(*) from (
              select order_name, payload ->> 'seq' from order_events where kind = 'item.succeed'
              group by 1, 2 having count(*) > 1) twice
            """),
        "no item succeeded twice");
    assertEquals(
        0,
        count(
            db,
            """
            select count(*) from (
              select order_name, payload ->> 'seq' from order_events
              where kind = 'item.processing' group by 1, 2 having count(*) > 1) twice
            """),
        "no item was begun twice");
    assertEquals(POOLS * NODES, count(db, "select count(*) from nodes"));
    assertEquals(
        POOLS * NODES,
        count(db, "select count(*) from simulated_nodes where released_at is null"),
        "the provider holds capacity for exactly the nodes that exist");
    assertEquals(
        0, count(db, "select count(*) from scheduled_tasks where task_name = 'run-order'"));
  }

  private ApiClient start(Path data, int port) {
    ServiceProcess service =
        ServiceProcess.start(
            ServiceProcess.jar("serve", "--port", "" + port, "--data-dir", data.toString()), ENV);
    processes.add(service);
    service.awaitHealthy(port);
    String body =
        """
        {"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"admin",
        "password":"%s","domain":{"name":"default"}}}},"scope":{"project":{"name":"default"}}}}
        """
            .formatted(PASSWORD);
    String base = "http://127.0.0.1:" + port;
    HttpResult token = new ApiClient(base, null).post("/v3/auth/tokens", body);
    assertEquals(201, token.status(), token.rawBody());
    return new ApiClient(base, token.header("X-Subject-Token"));
  }

  private static int unfinished(ApiClient api, String project) {
    int pending = api.get("/v1/" + project + "/orders?phase=pending").body().get("count").asInt();
    int processing =
        api.get("/v1/" + project + "/orders?phase=processing").body().get("count").asInt();
    return pending + processing;
  }

  private static int count(Jdbi db, String sql) {
    return db.withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
  }
}
