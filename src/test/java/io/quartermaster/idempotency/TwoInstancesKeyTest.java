package io.quartermaster.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quartermaster.app.Application;
import io.quartermaster.app.Config;
import io.quartermaster.db.DatabaseConfig;
import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.DebianPostgres;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.TestServer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two service instances share one external PostgreSQL; duplicates with one key sent to both at once
 * place exactly one order, since the key is claimed in the database, not in either instance.
 */
class TwoInstancesKeyTest {

  private static DebianPostgres postgres;
  private static final List<Application> instances = new ArrayList<>();
  private static final List<ApiClient> clients = new ArrayList<>();
  private static String project;

  @BeforeAll
  static void startTwoInstances(@TempDir Path dir) throws Exception {
    postgres = DebianPostgres.start();
    for (String instance : List.of("a", "b")) {
      Path dataDir = dir.resolve(instance);
      Config config =
          TestServer.testConfig(dataDir)
              .withDatabase(
                  new DatabaseConfig(
                      dataDir, Optional.of(postgres.jdbcUrl()), "postgres", "", 8, false));
      Application app = Application.start(config, Clock.systemUTC());
      instances.add(app);
      clients.add(login("http://127.0.0.1:" + app.port()));
    }
    project =
        clients
            .get(0)
            .get("/v3/projects?name=default")
            .body()
            .get("projects")
            .get(0)
            .get("id")
            .asText();
  }

  @AfterAll
  static void stop() throws Exception {
    instances.forEach(Application::close);
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void duplicatesSentToBothInstancesAtOncePlaceOneOrder() throws Exception {
    String display = Pools.uniqueName();
    String key = UUID.randomUUID().toString();

    List<HttpResult> answers =
        ConcurrentDuplicatesTest.all(
            i ->
                clients
                    .get(i % 2)
                    .withHeader("X-Client-Token", key)
                    .post("/v2/" + project + "/pools", Pools.body(display, Pools.CPU, 1)));

    ConcurrentDuplicatesTest.assertOneAnswerPlacedAndTheOthersReplayedIt(answers);
    assertEquals(1, count("select count(*) from orders where resource_display_name = :n", display));
    assertEquals(1, count("select count(*) from pools where display_name = :n", display));
  }

  @Test
  void aKeyUsedOnOneInstanceIsRefusedForAnotherRequestOnTheOther() {
    String key = UUID.randomUUID().toString();
    String display = Pools.uniqueName();
    HttpResult first =
        clients
            .get(0)
            .withHeader("X-Client-Token", key)
            .post("/v2/" + project + "/pools", Pools.body(display, Pools.CPU, 1));

    HttpResult replayed =
        clients
            .get(1)
            .withHeader("Idempotency-Key", key)
            .post("/v2/" + project + "/pools", Pools.body(display, Pools.CPU, 1));
    HttpResult reused =
        clients
            .get(1)
            .withHeader("X-Client-Token", key)
            .post("/v2/" + project + "/pools", Pools.body(Pools.uniqueName(), Pools.CPU, 1));

    assertEquals(200, first.status(), first.rawBody());
    assertEquals(first.body(), replayed.body());
    assertEquals("true", replayed.header("Idempotent-Replayed"));
    assertEquals(422, reused.status(), reused.rawBody());
    assertEquals("ModelArts.50004220", reused.errorCode());
  }

  private static int count(String sql, String display) {
    return instances
        .get(1)
        .database()
        .jdbi()
        .withHandle(h -> h.createQuery(sql).bind("n", display).mapTo(Integer.class).one());
  }

  private static ApiClient login(String baseUrl) {
    String body =
        """
        {"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"admin",
        "password":"%s","domain":{"name":"default"}}}},"scope":{"project":{"name":"default"}}}}
        """
            .formatted(TestServer.ADMIN_PASSWORD);
    HttpResult result = new ApiClient(baseUrl, null).post("/v3/auth/tokens", body);
    assertEquals(201, result.status(), result.rawBody());
    return new ApiClient(baseUrl, result.header("X-Subject-Token"));
  }
}
