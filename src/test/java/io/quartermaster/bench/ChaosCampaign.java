package io.quartermaster.bench;

import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.DebianPostgres;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.TempDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The chaos campaign: two {@code qm serve} processes on one external PostgreSQL, a provisioning
 * webhook that fails a share of its calls, a mix of apply, modify and delete orders placed through
 * the pool API, and {@code kill -9} of a random instance at random moments, restarted each time. At
 * the end the database, the service's answers and the provider's record are compared (see {@link
 * ChaosReport}). Run by {@code bench/chaos.sh} and, shorter, by {@code ChaosCampaignIT}.
 */
public final class ChaosCampaign {

  private static final String PASSWORD = "chaos-admin-password";

  /**
   * @param itemParallelism passed on as {@code QM_ENGINE_ITEM_PARALLELISM} when present
   */
  public record Options(
      int rounds,
      int orders,
      double failureRate,
      Duration providerLatency,
      long seed,
      Optional<String> itemParallelism) {

    /** From the environment: ROUNDS, ORDERS, FAILURE_RATE, PROVIDER_LATENCY_MS, SEED. */
    public static Options fromEnvironment(Map<String, String> env) {
      return new Options(
          Integer.parseInt(env.getOrDefault("ROUNDS", "10")),
          Integer.parseInt(env.getOrDefault("ORDERS", "200")),
          Double.parseDouble(env.getOrDefault("FAILURE_RATE", "0.10")),
          Duration.ofMillis(Long.parseLong(env.getOrDefault("PROVIDER_LATENCY_MS", "250"))),
          Long.parseLong(env.getOrDefault("SEED", "" + System.nanoTime())),
          Optional.ofNullable(env.get("QM_ENGINE_ITEM_PARALLELISM")).filter(v -> !v.isBlank()));
    }
  }

  private ChaosCampaign() {}

  public static ChaosReport run(Options options) throws Exception {
    Path dir = Files.createTempDirectory("qm-chaos-");
    try (DebianPostgres postgres = DebianPostgres.start();
        ChaosProvider provider =
            ChaosProvider.start(options.failureRate(), options.providerLatency());
        ChaosInstances instances = new ChaosInstances(2, dir, env(options, postgres, provider))) {
      instances.startAll();
      ApiClient admin = login(instances.baseUrl(0));
      String project =
          admin.get("/v3/projects?name=default").body().get("projects").get(0).get("id").asText();
      ChaosWorkload workload = new ChaosWorkload(instances, admin.token(), project);
      ChaosKiller killer = new ChaosKiller(instances, workload, options.rounds(), options.seed());
      workload.plan(options.orders(), options.rounds(), options.seed());
      killer.run();
      workload.finish();
      ChaosReport report =
          ChaosAudit.audit(
              Jdbi.create(postgres.jdbcUrl(), "postgres", ""), workload, provider, killer);
      if (!report.clean()) {
        Path log = dir.getParent().resolve(dir.getFileName() + ".log");
        Files.writeString(log, instances.logs());
        System.err.println("the instances' logs are in " + log);
      }
      return report;
    } finally {
      TempDirs.deleteQuietly(dir);
    }
  }

  private static Map<String, String> env(
      Options options, DebianPostgres postgres, ChaosProvider provider) {
    Map<String, String> env = new HashMap<>();
    env.put("QM_ADMIN_PASSWORD", PASSWORD);
    env.put("QM_PASSWORD_ITERATIONS", "1000");
    env.put("QM_DATABASE_URL", postgres.jdbcUrl());
    env.put("QM_DATABASE_USER", "postgres");
    env.put("QM_DATABASE_POOL_SIZE", "8");
    env.put("QM_NODE_QUOTA", "100000");
    env.put("QM_PROVIDER", "webhook");
    env.put("QM_WEBHOOK_URL", provider.url().toString());
    env.put("QM_WEBHOOK_SECRET", "chaos-campaign-webhook-secret");
    env.put("QM_WEBHOOK_TIMEOUT", "PT5S");
    env.put("QM_WEBHOOK_ATTEMPTS", "3");
    env.put("QM_WEBHOOK_BACKOFF", "PT0.05S");
    env.put("QM_WEBHOOK_MAX_BACKOFF", "PT0.5S");
    env.put("QM_ENGINE_POLL_INTERVAL", "PT0.2S");
    // A live instance that misses heartbeats for 4 s on a busy machine would have its orders
    // taken over while it still runs them; 1 s keeps takeover quick without that.
    env.put("QM_ENGINE_HEARTBEAT_INTERVAL", "PT1S");
    env.put("QM_ENGINE_RETRY_BACKOFF", "PT0.2S");
    options.itemParallelism().ifPresent(p -> env.put("QM_ENGINE_ITEM_PARALLELISM", p));
    return env;
  }

  private static ApiClient login(String baseUrl) {
    String body =
        """
        {"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"admin",
        "password":"%s","domain":{"name":"default"}}}},"scope":{"project":{"name":"default"}}}}
        """
            .formatted(PASSWORD);
    HttpResult result = new ApiClient(baseUrl, null).post("/v3/auth/tokens", body);
    if (result.status() != 201) {
      throw new IllegalStateException("login failed: " + result);
    }
    return new ApiClient(baseUrl, result.header("X-Subject-Token"));
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.fromEnvironment(System.getenv());
    System.out.printf(
        "chaos campaign: %d rounds, %d orders, failure rate %.0f%%, item parallelism %s, seed %d%n",
        options.rounds(),
        options.orders(),
        options.failureRate() * 100,
        options.itemParallelism().orElse("default"),
        options.seed());
    long started = System.nanoTime();
    ChaosReport report = run(options);
    report.print(System.out);
    System.out.printf("took %.0f s%n", (System.nanoTime() - started) / 1e9);
    System.exit(report.clean() ? 0 : 1);
  }
}
