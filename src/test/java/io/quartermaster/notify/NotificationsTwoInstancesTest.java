package io.quartermaster.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.app.Application;
import io.quartermaster.app.Config;
import io.quartermaster.db.DatabaseConfig;
import io.quartermaster.identity.IdentityConfig;
import io.quartermaster.pool.PoolConfig;
import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.DebianPostgres;
import io.quartermaster.testing.Eventually;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.Identities;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.TestServer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances share one external PostgreSQL (the operating system's) and carry out orders placed
 * through either. Each subscription still has one sender: its receiver sees every event exactly
 * once, in the log's order, and never two of its requests at the same time, although each answer
 * takes a while and both instances run delivery jobs.
 */
class NotificationsTwoInstancesTest {

  private static final int ORDERS = 16;
  private static final int SUBSCRIPTIONS = 4;

  private static DebianPostgres postgres;
  private static Receiver receiver;
  private static final List<Application> instances = new ArrayList<>();

  @BeforeAll
  static void startTwoInstances(@TempDir Path dir) throws Exception {
    postgres = DebianPostgres.start();
    receiver = new Receiver();
    receiver.pause(Duration.ofMillis(15));
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    String serverKey = Base64.getEncoder().encodeToString(key);
    for (String instance : List.of("a", "b")) {
      instances.add(Application.start(config(dir.resolve(instance), serverKey), Clock.systemUTC()));
    }
  }

  /** Both instances share the database and, so that both can open the secrets, the server key. */
  private static Config config(Path dataDir, String serverKey) {
    Config base = TestServer.testConfig(dataDir);
    IdentityConfig identity = base.identity();
    return base.withDatabase(
            new DatabaseConfig(dataDir, Optional.of(postgres.jdbcUrl()), "postgres", "", 8, false))
        .withIdentity(
            new IdentityConfig(
                identity.adminPassword(),
                identity.tokenTtl(),
                identity.passwordIterations(),
                Optional.of(serverKey),
                identity.loginThrottle()))
        .withPools(new PoolConfig(10_000, base.pools().flavorCatalog()));
  }

  @AfterAll
  static void stop() throws Exception {
    instances.forEach(Application::close);
    if (receiver != null) {
      receiver.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void eachSubscriptionIsSentEveryEventOnceInOrderByOneInstanceAtATime() {
    List<ApiClient> clients = new ArrayList<>();
    for (Application instance : instances) {
      clients.add(login(instance));
    }
    String project =
        clients.get(0).get("/v3/projects?name=default").body().at("/projects/0/id").asText();
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < SUBSCRIPTIONS; i++) {
      String path = "twin-" + i;
      HttpResult created =
          clients
              .get(i % 2)
              .post("/v1/" + project + "/subscriptions", Map.of("url", receiver.url(path)));
      assertEquals(201, created.status(), created::toString);
      paths.add(path);
    }
    try (var placing = Executors.newFixedThreadPool(4)) {
      for (int i = 0; i < ORDERS; i++) {
        ApiClient client = clients.get(i % 2);
        String name = "twin-pool-" + i;
        placing.submit(
            () -> {
              HttpResult created =
                  client.post(
                      "/v2/" + project + "/pools", Pools.body(name, "modelarts.vm.cpu.2u.d", 1));
              assertEquals(200, created.status(), created.rawBody());
            });
      }
    }
    Eventually.until(
        () ->
            clients
                .get(1)
                .get("/v1/" + project + "/orders?phase=successed&limit=1")
                .body()
                .get("count")
                .asInt(),
        count -> count == ORDERS,
        Duration.ofSeconds(120));
    List<String> expected =
        instances
            .get(0)
            .database()
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "select project_id || ':' || seq from order_events"
                                + " where project_id = :p order by seq")
                        .bind("p", project)
                        .mapTo(String.class)
                        .list());
    assertTrue(expected.size() >= ORDERS * 5, expected::toString);

    for (String path : paths) {
      Eventually.until(
          () -> receiver.deliveries(path).size(),
          n -> n >= expected.size(),
          Duration.ofSeconds(120));
      List<String> ids = receiver.deliveries(path).stream().map(Receiver.Delivery::id).toList();
      assertEquals(expected, ids, "every event once, in order, for " + path);
      assertEquals(1, receiver.mostAtOnce(path), "one request at a time to " + path);
    }
  }

  private static ApiClient login(Application app) {
    ApiClient anonymous = new ApiClient("http://127.0.0.1:" + app.port(), null);
    HttpResult token =
        anonymous.post(
            "/v3/auth/tokens",
            Identities.passwordAuth("admin", TestServer.ADMIN_PASSWORD, "default"));
    assertEquals(201, token.status(), token::toString);
    return anonymous.withToken(token.header("X-Subject-Token"));
  }
}
