package io.quartermaster.engine.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.app.Application;
import io.quartermaster.app.Config;
import io.quartermaster.engine.EngineConfig;
import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.TestServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A Quartermaster of its own, with its own embedded PostgreSQL, whose engine carries out orders
 * through the given endpoint. Its retries and timeouts are short so that tests take seconds.
 */
final class QuartermasterWithWebhook implements AutoCloseable {

  static final int WEBHOOK_ATTEMPTS = 3;
  static final int ENGINE_RETRIES = 1;
  static final Duration WEBHOOK_TIMEOUT = Duration.ofMillis(400);
  private static final Duration FAST_RETRY = Duration.ofMillis(200);
  private static final Duration AWAIT = Duration.ofSeconds(30);

  private final Application app;
  private final ApiClient admin;
  private final String projectId;

  QuartermasterWithWebhook(Path dataDir, URI url, String secret) {
    this(
        dataDir,
        url,
        secret,
        EngineConfig.DEFAULT_ITEM_PARALLELISM,
        EngineConfig.DEFAULT_MAX_CONCURRENT_ITEMS,
        WEBHOOK_TIMEOUT);
  }

  /**
   * As above, carrying out {@code perOrder} items of an order and {@code perInstance} in all at
   * once.
   */
  QuartermasterWithWebhook(
      Path dataDir, URI url, String secret, int perOrder, int perInstance, Duration timeout) {
    this(dataDir, url, secret, perOrder, perInstance, timeout, ENGINE_RETRIES, FAST_RETRY);
  }

  /**
   * As the first, but retrying a failed item as the service does by default ({@code
   * QM_ENGINE_MAX_RETRIES}, {@code QM_ENGINE_RETRY_BACKOFF}, doubling): for faults that last as
   * long as real ones.
   */
  static QuartermasterWithWebhook retryingAsByDefault(Path dataDir, URI url, String secret) {
    EngineConfig service = Config.fromEnvironment(Map.of()).engine();
    return new QuartermasterWithWebhook(
        dataDir,
        url,
        secret,
        EngineConfig.DEFAULT_ITEM_PARALLELISM,
        EngineConfig.DEFAULT_MAX_CONCURRENT_ITEMS,
        WEBHOOK_TIMEOUT,
        service.maxRetries(),
        service.retryBackoff());
  }

  private QuartermasterWithWebhook(
      Path dataDir,
      URI url,
      String secret,
      int perOrder,
      int perInstance,
      Duration timeout,
      int engineRetries,
      Duration retryBackoff) {
    Config defaults = TestServer.testConfig(dataDir);
    EngineConfig engine = defaults.engine();
    WebhookConfig webhook =
        new WebhookConfig(
            url, secret, timeout, WEBHOOK_ATTEMPTS, Duration.ofMillis(50), Duration.ofMillis(200));
    this.app =
        Application.start(
            defaults
                .withEngine(
                    new EngineConfig(
                        engine.workers(),
                        Duration.ofMillis(200),
                        engine.heartbeatInterval(),
                        engine.missedHeartbeats(),
                        engineRetries,
                        retryBackoff,
                        engine.simulatedNodeTime(),
                        engine.simulatedFaults(),
                        perOrder,
                        perInstance))
                .withWebhook(webhook),
            Clock.systemUTC());
    ApiClient anonymous = new ApiClient("http://127.0.0.1:" + app.port(), null);
    HttpResult token = anonymous.post("/v3/auth/tokens", adminLogin());
    if (token.status() != 201) {
      app.close();
      throw new IllegalStateException("admin login failed: " + token);
    }
    this.admin = anonymous.withToken(token.header("X-Subject-Token"));
    this.projectId = token.body().at("/token/project/id").asText();
  }

  /** Creates a pool of {@code count} nodes of {@code flavor}; answers the pool's JSON. */
  JsonNode createPool(String displayName, String flavor, int count) {
    HttpResult created = admin.post(poolsPath(), poolBody(displayName, flavor, count));
    if (created.status() != 200) {
      throw new AssertionError("pool not created: " + created);
    }
    return created.body();
  }

  org.jdbi.v3.core.Jdbi jdbi() {
    return app.database().jdbi();
  }

  String projectId() {
    return projectId;
  }

  String poolName(String displayName) {
    return displayName + "-" + projectId;
  }

  /** Waits until the pool reaches {@code phase}, and answers it. */
  JsonNode awaitPhase(String displayName, String phase) throws InterruptedException {
    return awaitPhase(displayName, phase, AWAIT);
  }

  JsonNode awaitPhase(String displayName, String phase, Duration timeout)
      throws InterruptedException {
    return await(
            () -> admin.get(poolsPath() + "/" + poolName(displayName)),
            r -> r.status() == 200 && phase.equals(r.body().at("/status/phase").asText()),
            timeout)
        .body();
  }

  /** The fail reason of the pool's order, as stored. */
  String failReason(String displayName) {
    return app.database()
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "select fail_reason from orders where project_id = :p and resource_name = :n")
                    .bind("p", projectId)
                    .bind("n", poolName(displayName))
                    .mapTo(String.class)
                    .one());
  }

  /** The nodes the pool holds, as stored. */
  int nodes(String displayName) {
    return app.database()
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "select count(*) from nodes n join pools p on p.id = n.pool_id"
                            + " where p.project_id = :p and p.name = :n")
                    .bind("p", projectId)
                    .bind("n", poolName(displayName))
                    .mapTo(Integer.class)
                    .one());
  }

  /** A count straight from the database. */
  int count(String sql) {
    return app.database().jdbi().withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
  }

  static <T> T await(java.util.function.Supplier<T> probe, Predicate<T> done)
      throws InterruptedException {
    return await(probe, done, AWAIT);
  }

  private static <T> T await(
      java.util.function.Supplier<T> probe, Predicate<T> done, Duration timeout)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    T last = probe.get();
    while (!done.test(last)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not reached within " + timeout + "; last: " + last);
      }
      Thread.sleep(50);
      last = probe.get();
    }
    return last;
  }

  @Override
  public void close() {
    app.close();
  }

  private String poolsPath() {
    return "/v2/" + projectId + "/pools";
  }

  private static Map<String, Object> adminLogin() {
    Map<String, Object> user =
        Map.of(
            "name",
            "admin",
            "password",
            TestServer.ADMIN_PASSWORD,
            "domain",
            Map.of("name", "default"));
    return Map.of(
        "auth",
        Map.of(
            "identity", Map.of("methods", List.of("password"), "password", Map.of("user", user)),
            "scope", Map.of("project", Map.of("name", "default"))));
  }

  private static Map<String, Object> poolBody(String displayName, String flavor, int count) {
    return Map.of(
        "apiVersion",
        "v2",
        "kind",
        "Pool",
        "metadata",
        Map.of(
            "labels",
            Map.of("os.modelarts/name", displayName, "os.modelarts/workspace.id", "0"),
            "annotations",
            Map.of("os.modelarts/description", "")),
        "spec",
        Map.of(
            "type", "Dedicate",
            "scope", List.of("Train"),
            "network", Map.of("name", "network-test"),
            "resources", List.of(Map.of("flavor", flavor, "count", count))));
  }
}
