package io.quartermaster.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quartermaster.app.Application;
import io.quartermaster.app.Config;
import io.quartermaster.db.DatabaseConfig;
import io.quartermaster.engine.EngineConfig;
import io.quartermaster.http.Json;
import io.quartermaster.pool.PoolConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
                engine.simulatedFaults(),
                engine.webhook()))
        .withOrders(
            defaults
                .orders()
                .withApprovalThreshold(APPROVAL_THRESHOLD)
                .withSweepInterval(Duration.ofDays(1)));
  }

  /** A flavor with room for very few nodes, so tests can run out of capacity quickly. */
  public static final String SCARCE_FLAVOR = "test.scarce.gpu";

  public static final int SCARCE_CAPACITY = 2;

  /**
   * Another flavor as scarce as {@link #SCARCE_FLAVOR}, for the one test that checks capacity comes
   * back; tests that exhaust {@link #SCARCE_FLAVOR} would otherwise starve it.
   */
  public static final String RECLAIMED_FLAVOR = "test.reclaimed.gpu";

  /** The shipped catalog plus {@link #SCARCE_FLAVOR}, written into the data directory. */
  private static Path testCatalog(Path dataDir) {
    try (InputStream in = TestServer.class.getResourceAsStream("/flavors.json")) {
      ArrayNode flavors = (ArrayNode) Json.mapper().readTree(in);
      for (String name : List.of(SCARCE_FLAVOR, RECLAIMED_FLAVOR)) {
        ObjectNode scarce = flavors.addObject();
        scarce.put("name", name).put("type", "Dedicate").put("cpuArch", "x86");
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

  public MutableClock clock() {
    return clock;
  }

  public Config config() {
    return config;
  }
}
