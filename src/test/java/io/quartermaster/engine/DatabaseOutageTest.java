package io.quartermaster.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.app.Application;
import io.quartermaster.app.Config;
import io.quartermaster.db.DatabaseConfig;
import io.quartermaster.engine.webhook.WebhookConfig;
import io.quartermaster.pool.PoolConfig;
import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.DebianPostgres;
import io.quartermaster.testing.Eventually;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.Identities;
import io.quartermaster.testing.LogCapture;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.ServiceProcess;
import io.quartermaster.testing.TestServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The external PostgreSQL is stopped in the middle of running orders, once cleanly ({@code pg_ctl
 * stop -m fast}) and once as a crash ({@code -m immediate}), and started again a few seconds later,
 * under a service that is never restarted. During each outage requests are answered 503 in the
 * contract's format with {@code Retry-After} and {@code /health} is 503; afterwards it is 200
 * again, every order succeeds, every item was carried out by the provider once, and the outage was
 * logged once, without the libraries' stack traces. {@code bench/db-outage.sh} runs the same with
 * more orders and a longer outage ({@code -Dqm.outage.orders}, {@code -Dqm.outage.seconds}).
 */
class DatabaseOutageTest {

  private static final int ORDERS = Integer.getInteger("qm.outage.orders", 6);
  private static final int NODES = Integer.getInteger("qm.outage.nodes", 3);
  private static final Duration OUTAGE =
      Duration.ofSeconds(Integer.getInteger("qm.outage.seconds", 3));
  private static final Duration ITEM_TIME = Duration.ofMillis(300);

  private static DebianPostgres postgres;
  private static SettlingEndpoint provider;
  private static LogCapture log;
  private static Application app;
  private static ApiClient admin;
  private static String project;
  private static Jdbi jdbi;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    postgres = DebianPostgres.start();
    provider = new SettlingEndpoint(ITEM_TIME);
    Config base = TestServer.testConfig(dir);
    Config config =
        base.withDatabase(
                new DatabaseConfig(dir, Optional.of(postgres.jdbcUrl()), "postgres", "", 8, false))
            .withPools(new PoolConfig(100_000, base.pools().flavorCatalog()))
            .withWebhook(
                new WebhookConfig(
                    provider.url(),
                    "a-secret-of-enough-length",
                    Duration.ofSeconds(5),
                    3,
                    Duration.ofMillis(50),
                    Duration.ofMillis(500)));
    app = Application.start(config, Clock.systemUTC());
    // After the start, which reads the logging configuration again and so drops earlier handlers.
    log = LogCapture.of("");
    jdbi = app.database().jdbi();
    admin =
        new Identities(new ApiClient(base(), null))
            .login("admin", TestServer.ADMIN_PASSWORD, "default");
    project = admin.get("/v3/projects?name=default").body().at("/projects/0/id").asText();
  }

  @AfterAll
  static void stop() throws Exception {
    if (app != null) {
      app.close();
    }
    if (log != null) {
      log.close();
    }
    if (provider != null) {
      provider.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void ordersOutliveACleanStopAndACrashOfTheDatabaseAndCompleteOnce() throws Exception {
    Round fast = outage("fast", "calm");
    Round immediate = outage("immediate", "crash");

    for (Round round : List.of(fast, immediate)) {
      System.out.println("db-outage " + round);
      assertEquals(ORDERS, round.successed(), round.toString());
      assertTrue(round.refused() > 0, "requests during the outage were refused: " + round);
      assertEquals(0, round.otherStatuses(), "every refusal was a 503: " + round);
      assertTrue(round.healthDown(), "/health reported not-ready: " + round);
    }
    assertEquals(0, count("select count(*) from orders where phase in ('pending','processing')"));
    assertEquals(2 * ORDERS * (NODES + 1), provider.settledKeys(), "each item carried out once");
    assertEquals(2 * ORDERS * NODES, count("select count(*) from nodes"));
    assertEquals(
        2, messages("The database cannot be reached").size(), "one line as each outage begins");
    assertEquals(2, messages("The database answers again").size(), "one line as each ends");
    List<LogRecord> traces =
        log.records().stream()
            .filter(
                r -> r.getThrown() != null && r.getLevel().intValue() >= Level.WARNING.intValue())
            .toList();
    assertEquals(List.of(), traces.stream().map(DatabaseOutageTest::describe).toList());
  }

  /** One outage of the database while {@link #ORDERS} pools are being created. */
  private static Round outage(String mode, String prefix) throws Exception {
    int repeatedBefore = provider.repeatedCalls();
    try (var placing = Executors.newFixedThreadPool(8)) {
      for (int i = 0; i < ORDERS; i++) {
        String name = prefix + "-" + i;
        placing.submit(
            () -> {
              HttpResult created = admin.post(poolsPath(), Pools.body(name, Pools.CPU, NODES));
              assertEquals(200, created.status(), created.rawBody());
            });
      }
    }
    // Some items are under way, none of the orders is finished.
    ServiceProcess.sleep(ITEM_TIME.multipliedBy(2));
    postgres.stop(mode);
    Instant restartAt = Instant.now().plus(OUTAGE);
    int refused = 0;
    int other = 0;
    boolean healthDown = false;
    String refusedBody = "";
    while (Instant.now().isBefore(restartAt)) {
      HttpResult listed = admin.get("/v1/" + project + "/orders");
      HttpResult placed = admin.post(poolsPath(), Pools.body(prefix + "-late", Pools.CPU, 1));
      for (HttpResult answer : List.of(listed, placed)) {
        if (answer.status() == 503
            && "ModelArts.50005003".equals(answer.errorCode())
            && "5".equals(answer.header("Retry-After"))
            && answer.body().path("error_msg").asText().contains("database")) {
          refused++;
        } else {
          other++;
          refusedBody = answer.toString();
        }
      }
      healthDown |= ServiceProcess.health(app.port()) == 503;
      ServiceProcess.sleep(Duration.ofMillis(300));
    }
    postgres.startAgain();
    Eventually.until(
        () -> ServiceProcess.health(app.port()), s -> s == 200, Duration.ofSeconds(30));
    assertEquals(
        404,
        admin.get(poolsPath() + "/" + prefix + "-late-" + project).status(),
        "a placement refused with 503 changed nothing");
    Eventually.until(
        () -> count("select count(*) from orders where phase = 'processing'"),
        n -> n == 0,
        Duration.ofSeconds(90));
    int successed =
        count(
            "select count(*) from orders where phase = 'successed' and resource_name like '"
                + prefix
                + "-%'");
    assertEquals(0, other, "an answer during the outage other than the 503: " + refusedBody);
    return new Round(
        mode,
        OUTAGE,
        successed,
        refused,
        other,
        healthDown,
        provider.repeatedCalls() - repeatedBefore);
  }

  record Round(
      String mode,
      Duration outage,
      int successed,
      int refused,
      int otherStatuses,
      boolean healthDown,
      int repeatedCalls) {}

  private static List<String> messages(String prefix) {
    return log.messages().stream().filter(m -> m != null && m.startsWith(prefix)).toList();
  }

  private static String describe(LogRecord record) {
    return record.getLoggerName() + ": " + record.getMessage() + ": " + record.getThrown();
  }

  private static int count(String sql) {
    return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
  }

  private static String poolsPath() {
    return "/v2/" + project + "/pools";
  }

  private static String base() {
    return "http://127.0.0.1:" + app.port();
  }
}
