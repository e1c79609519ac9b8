package io.quartermaster.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.quartermaster.app.Application;
import io.quartermaster.app.Config;
import io.quartermaster.db.DatabaseConfig;
import io.quartermaster.engine.webhook.WebhookConfig;
import io.quartermaster.pool.PoolConfig;
import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.DebianPostgres;
import io.quartermaster.testing.Eventually;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.TestServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two service instances share one external PostgreSQL (the operating system's, not the embedded
 * one). Orders placed through either are each carried out exactly once: the provider (a webhook
 * endpoint run by the test) sees every item's idempotency key exactly once, and both instances do
 * part of the work.
 */
class TwoInstancesTest {

  private static final int ORDERS = 200;

  private static DebianPostgres postgres;
  private static HttpServer endpoint;
  private static final Map<String, AtomicInteger> callsPerKey = new ConcurrentHashMap<>();
  private static final Map<String, AtomicInteger> callsPerInstance = new ConcurrentHashMap<>();
  private static final List<Application> instances = new ArrayList<>();

  @BeforeAll
  static void startTwoInstances(@TempDir Path dir) throws Exception {
    postgres = DebianPostgres.start();
    endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    endpoint.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    for (String instance : List.of("a", "b")) {
      endpoint.createContext(
          "/" + instance,
          exchange -> {
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            callsPerKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            callsPerInstance.computeIfAbsent(instance, k -> new AtomicInteger()).incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] answer = "{\"status\":\"succeeded\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
          });
    }
    endpoint.start();
    for (String instance : List.of("a", "b")) {
      instances.add(Application.start(config(dir.resolve(instance), instance), Clock.systemUTC()));
    }
  }

  private static Config config(Path dataDir, String instance) {
    Config base = TestServer.testConfig(dataDir);
    URI url = URI.create("http://127.0.0.1:" + endpoint.getAddress().getPort() + "/" + instance);
    return base.withDatabase(
            new DatabaseConfig(dataDir, Optional.of(postgres.jdbcUrl()), "postgres", "", 8, false))
        .withPools(new PoolConfig(10_000, base.pools().flavorCatalog()))
        .withWebhook(
            new WebhookConfig(
                url,
                "a-secret-of-enough-length",
                Duration.ofSeconds(5),
                3,
                Duration.ofMillis(50),
                Duration.ofMillis(500)));
  }

  @AfterAll
  static void stop() throws Exception {
    instances.forEach(Application::close);
    if (endpoint != null) {
      endpoint.stop(0);
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void ordersPlacedThroughBothInstancesAreEachCarriedOutExactlyOnce() throws Exception {
    List<ApiClient> clients = new ArrayList<>();
    for (Application instance : instances) {
      clients.add(login("http://127.0.0.1:" + instance.port()));
    }
    String project = projectOf(clients.get(0));
    try (var placing = Executors.newFixedThreadPool(8)) {
      for (int i = 0; i < ORDERS; i++) {
        ApiClient client = clients.get(i % 2);
        String name = "twin-" + i;
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

    assertEquals(
        0,
        clients.get(0).get("/v1/" + project + "/orders?phase=failed").body().get("count").asInt());
    assertEquals(2 * ORDERS, callsPerKey.size(), "one createPool and one createNode per order");
    callsPerKey.forEach((key, calls) -> assertEquals(1, calls.get(), "calls with key " + key));
    assertTrue(callsPerInstance.get("a").get() > 0, "instance a did some of the work");
    assertTrue(callsPerInstance.get("b").get() > 0, "instance b did some of the work");
    int nodes =
        instances
            .get(0)
            .database()
            .jdbi()
            .withHandle(
                h -> h.createQuery("select count(*) from nodes").mapTo(Integer.class).one());
    assertEquals(ORDERS, nodes);
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

  private static String projectOf(ApiClient client) {
    return client.get("/v3/projects?name=default").body().get("projects").get(0).get("id").asText();
  }
}
