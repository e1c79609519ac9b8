package io.quartermaster.notify;

import static io.quartermaster.testing.ServiceProcess.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.DataDirPostgres;
import io.quartermaster.testing.Eventually;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability of notifications by doing it: the service is killed with {@code kill -9} while a slow
 * receiver still has most of the events to come, restarted on the same data, and the receiver,
 * which deduplicates by id as the README tells receivers to, ends up with every event: none is
 * lost, and any sent twice carries the same id.
 */
class NotificationsCrashIT {

  private static final int POOLS = 4;
  private static final int NODES = 4;
  private static final String PASSWORD = "notify-crash-admin";
  private static final Map<String, String> ENV =
      Map.of(
          "QM_ADMIN_PASSWORD", PASSWORD,
          "QM_PASSWORD_ITERATIONS", "1000",
          "QM_SIMULATED_NODE_TIME", "PT0.1S",
          "QM_ENGINE_POLL_INTERVAL", "PT0.2S",
          "QM_ENGINE_HEARTBEAT_INTERVAL", "PT0.5S",
          "QM_NOTIFY_POLL_INTERVAL", "PT0.2S",
          "QM_NOTIFY_BACKOFF", "PT0.1S",
          "QM_NOTIFY_MAX_BACKOFF", "PT0.5S",
          "QM_NOTIFY_ATTEMPTS", "1000");

  @TempDir Path tmp;
  private final List<ServiceProcess> processes = new ArrayList<>();

  @AfterEach
  void stopEverything() {
    ServiceProcess.closeAll(processes);
  }

  @Test
  void everyEventReachesTheReceiverAtLeastOnceAcrossKillMinus9() {
    try (Receiver receiver = new Receiver()) {
      receiver.pause(Duration.ofMillis(100));
      Path data = tmp.resolve("data");
      int port = freePort();
      ApiClient api = start(data, port);
      String project =
          api.get("/v3/projects?name=default").body().get("projects").get(0).get("id").asText();
      HttpResult subscribed =
          api.post("/v1/" + project + "/subscriptions", Map.of("url", receiver.url("crash")));
      assertEquals(201, subscribed.status(), subscribed::toString);
      for (int i = 0; i < POOLS; i++) {
        HttpResult created =
            api.post("/v2/" + project + "/pools", Pools.body("notify-" + i, Pools.CPU, NODES));
        assertEquals(200, created.status(), created.rawBody());
      }
      ServiceProcess.sleep(Duration.ofMillis(1500));
      int beforeKill = receiver.distinctIds("crash").size();
      assertTrue(beforeKill > 0, "deliveries had started");

      processes.get(processes.size() - 1).kill();
      Jdbi db = DataDirPostgres.jdbi(data);
      int loggedAtKill = events(db, project).size();
      assertTrue(
          beforeKill < loggedAtKill,
          "deliveries were outstanding: " + beforeKill + " of " + loggedAtKill);
      start(data, port);
      // The restart may bring the database up on another port.
      Jdbi restarted = DataDirPostgres.jdbi(data);

      Eventually.until(() -> unfinished(restarted, project), n -> n == 0, Duration.ofSeconds(120));
      List<String> logged = events(restarted, project);
      Eventually.until(
          () -> new HashSet<>(receiver.distinctIds("crash")),
          ids -> ids.containsAll(logged),
          Duration.ofSeconds(120));
      Set<String> received = new HashSet<>(receiver.distinctIds("crash"));
      assertEquals(new HashSet<>(logged), received, "every event, and nothing else");
      List<Receiver.Delivery> all = receiver.deliveries("crash");
      for (Receiver.Delivery d : all) {
        assertTrue(
            DeliverySignature.verify(secret(subscribed), d.signature(), d.body()),
            "signed with the same secret after the restart");
      }
    }
  }

  private static String secret(HttpResult subscribed) {
    return subscribed.body().get("secret").asText();
  }

  private static List<String> events(Jdbi db, String project) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "select project_id || ':' || seq from order_events where project_id = :p"
                        + " order by seq")
                .bind("p", project)
                .mapTo(String.class)
                .list());
  }

  private static int unfinished(Jdbi db, String project) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "select count(*) from orders where project_id = :p"
                        + " and phase not in ('successed', 'failed')")
                .bind("p", project)
                .mapTo(Integer.class)
                .one());
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
}
