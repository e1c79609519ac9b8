package io.quartermaster.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quartermaster.app.Application;
import io.quartermaster.app.Config;
import io.quartermaster.db.DatabaseConfig;
import io.quartermaster.engine.EngineConfig;
import io.quartermaster.event.EventConfig;
import io.quartermaster.json.Json;
import io.quartermaster.pool.PoolConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;

/**
 * The service under test: one real server on a free port with its embedded PostgreSQL, started once
 * per test JVM and stopped when the JVM exits. Tests isolate themselves by working in projects of
 * their own.
 */
public final class TestServer {

  private static TestServer instance;

  private final Application app;
  private final MutableClock clock;
  private final Config config;
  private final Identities identities;

  private TestServer(Application app, MutableClock clock, Config config) {
    this.app = app;
    this.clock = clock;
    this.config = config;
    this.identities = new Identities(client());
  }

  /** The shared server, started on first use. */
  public static synchronized TestServer get() {
    if (instance == null) {
      instance = start();
    }
    return instance;
  }

  private static TestServer start() {
    Path dataDir;
    try {
      dataDir = Files.createTempDirectory("qm-test-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Config config = testConfig(dataDir);
    MutableClock clock = new MutableClock();
    Application app = Application.start(config, clock);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  app.close();
                  TempDirs.deleteQuietly(dataDir);
                },
                "test-server-stop"));
    return new TestServer(app, clock, config);
  }

  /** Attempts at one notification before it is dead-lettered, in tests. */
  public static final int NOTIFY_ATTEMPTS = 3;

  /** The pause after a notification's first failed attempt, in tests; it doubles after each. */
  public static final int NOTIFY_BACKOFF_MILLIS = 100;

  /** Orders of more nodes than this wait for an admin's approval in tests. */
  public static final int APPROVAL_THRESHOLD = 50;

  /**
   * The configuration tests run with: defaults, a throwaway data directory, no fsync, approval
   * above {@link #APPROVAL_THRESHOLD} nodes, and order sweeps so rare that they run only when a
   * test triggers them, so that they cannot interfere with tests that move the clock.
   */
  public static Config testConfig(Path dataDir) {
    // Few PBKDF2 iterations: hashing at the production cost would make every login take ~0.5 s.
    Config defaults =
        Config.fromEnvironment(
            Map.of("QM_ADMIN_PASSWORD", ADMIN_PASSWORD, "QM_PASSWORD_ITERATIONS", "1000"));
    EngineConfig engine = defaults.engine();
    return defaults
        .withPort(0)
        .withDatabase(new DatabaseConfig(dataDir, Optional.empty(), "postgres", "", 16, false))
        .withPools(new PoolConfig(defaults.pools().nodeQuota(), Optional.of(testCatalog(dataDir))))
        .withEngine(
            new EngineConfig(
                engine.workers(),
                Duration.ofMillis(200),
                Duration.ofSeconds(1),
                engine.missedHeartbeats(),
                2,
                Duration.ofMillis(100),
                Duration.ZERO,
                engine.simulatedFaults()))
        .withOrders(
            defaults
                .orders()
                .withApprovalThreshold(APPROVAL_THRESHOLD)
                .withSweepInterval(Duration.ofDays(1)))
        // Notifications: few, short retries, so that a dead letter takes a second, not hours.
        .withNotifications(
            defaults
                .notifications()
                .withRetries(
                    NOTIFY_ATTEMPTS,
                    Duration.ofMillis(NOTIFY_BACKOFF_MILLIS),
                    Duration.ofMillis(400))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(100)))
        // Heartbeats often enough for a test to see one.
        .withEvents(
            new EventConfig(
                Duration.ofMillis(500),
                EventConfig.DEFAULT_POLL_INTERVAL,
                EventConfig.DEFAULT_MAX_DURATION));
  }

  /** How many nodes each {@link #scarceFlavor()} has room for, in its one AZ. */
  public static final int SCARCE_CAPACITY = 2;

  /** How many scarce flavors the test catalog holds; each is handed out once per test JVM. */
  private static final int SCARCE_FLAVORS = 32;

  private static final AtomicInteger SCARCE_HANDED_OUT = new AtomicInteger();

  /**
   * A flavor with room for {@link #SCARCE_CAPACITY} nodes, so that a test can run out of capacity
   * quickly, that no other test in this JVM was given: tests that exhaust or hold a scarce flavor
   * cannot starve each other, whatever order they run in. Servers started with {@link #testConfig}
   * all offer the same scarce flavors.
   */
  public static String scarceFlavor() {
    int next = SCARCE_HANDED_OUT.getAndIncrement();
    if (next >= SCARCE_FLAVORS) {
      throw new IllegalStateException(
          "all " + SCARCE_FLAVORS + " scarce test flavors are taken; raise SCARCE_FLAVORS");
    }
    return scarceFlavorName(next);
  }

  private static String scarceFlavorName(int index) {
    return "test.scarce-%02d.gpu".formatted(index);
  }

  /**
   * How many nodes each AZ of a shipped flavor has room for on test servers. The shared server
   * lives for the whole test JVM and its tests leave pools behind, so with the shipped capacity the
   * suite would draw down one budget and fail by test order; a test that runs out of capacity on
   * purpose takes a {@link #scarceFlavor()} instead.
   */
  private static final int SHIPPED_FLAVOR_CAPACITY = 100_000;

  /**
   * The shipped catalog, with room enough for the whole suite, plus the scarce flavors, written
   * into the data directory.
   */
  private static Path testCatalog(Path dataDir) {
    try (InputStream in = TestServer.class.getResourceAsStream("/flavors.json")) {
      ArrayNode flavors = (ArrayNode) Json.mapper().readTree(in);
      for (JsonNode flavor : flavors) {
        ObjectNode capacity = (ObjectNode) flavor.get("capacityPerAz");
        List<String> azs = new ArrayList<>();
        capacity.fieldNames().forEachRemaining(azs::add);
        azs.forEach(az -> capacity.put(az, SHIPPED_FLAVOR_CAPACITY));
      }
      for (int i = 0; i < SCARCE_FLAVORS; i++) {
        ObjectNode scarce = flavors.addObject();
        scarce.put("name", scarceFlavorName(i)).put("type", "Dedicate").put("cpuArch", "x86");
        scarce.put("cpu", "8").put("memory", "64Gi");
        scarce.putArray("scope").add("Train");
        scarce.putObject("capacityPerAz").put("az-test", SCARCE_CAPACITY);
      }
      Files.createDirectories(dataDir);
      Path file = dataDir.resolve("test-flavors.json");
      Json.mapper().writeValue(file.toFile(), flavors);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static final String ADMIN_PASSWORD = "admin-password-for-tests";

  public int port() {
    return app.port();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + app.port();
  }

  public ApiClient client() {
    return new ApiClient(baseUrl(), null);
  }

  /** The service's database, for tests that prepare or inspect state below the API. */
  public Jdbi jdbi() {
    return app.database().jdbi();
  }

  /** A client with a fresh token of the global admin, scoped to project {@code default}. */
  public ApiClient adminClient() {
    return identities.login("admin", ADMIN_PASSWORD, "default");
  }

  /**
   * A new project with a unique name, a new member and a new viewer in it, and clients for them and
   * for the admin, all made through the identity API.
   */
  public Tenant newTenant() {
    return identities.newTenant(adminClient());
  }

  /** As {@link #newTenant()}, with a project named {@code prefix-} and a short random suffix. */
  public Tenant newTenant(String prefix) {
    return identities.newTenant(adminClient(), prefix);
  }

  /** A client with a fresh token of {@code user}, scoped to the project named {@code project}. */
  public ApiClient login(String user, String password, String project) {
    return identities.login(user, password, project);
  }

  /** How many event streams the server holds open now. */
  public int openEventStreams() {
    return app.openEventStreams();
  }

  public MutableClock clock() {
    return clock;
  }

  public Config config() {
    return config;
  }
}
