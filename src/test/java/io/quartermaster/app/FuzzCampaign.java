package io.quartermaster.app;

import io.quartermaster.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import net.jqwik.api.sessions.JqwikSession;

/**
 * The long fuzzing campaign ({@code bench/fuzz.sh}): the generators and checks of {@link
 * FuzzEveryRouteTest}, for {@code FUZZ_REQUESTS} requests (default 100,000) from {@code FUZZ_SEED}.
 * Unlike the test it goes on after a failure, and prints the count, the statuses seen and every
 * failure (the first {@value #FAILURES_SHOWN} in full). Exits 1 when any request failed.
 */
public final class FuzzCampaign {

  private FuzzCampaign() {}

  public static void main(String[] args) {
    long requests = Long.parseLong(env("FUZZ_REQUESTS", "100000"));
    String seed = env("FUZZ_SEED", "20261204");
    FuzzOracle oracle = new FuzzOracle(FuzzWorld.create(TestServer.get()));
    // The request log of a hundred thousand requests would bury the report.
    Logger.getLogger("").setLevel(Level.WARNING);
    Arrays.stream(Logger.getLogger("").getHandlers()).forEach(h -> h.setLevel(Level.WARNING));
    List<String> failures = new ArrayList<>();
    Map<String, Integer> kinds = new HashMap<>();
    long started = System.nanoTime();
    JqwikSession.start(seed);
    try {
      Iterator<FuzzPlan> plans = FuzzGenerators.plans().sampleStream().iterator();
      for (long i = 1; i <= requests; i++) {
        FuzzPlan plan = plans.next();
        try {
          oracle.check(plan);
        } catch (AssertionError | RuntimeException e) {
          String failure = "request " + i + ": " + e.getMessage();
          failures.add(failure);
          // Each kind of failure in full a few times, by its first line.
          String kind = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
          if (kinds.merge(kind.replaceAll("[0-9]+", "N"), 1, Integer::sum) <= 3) {
            System.out.println("FAILURE " + failure);
          }
        }
        if (i % 10_000 == 0) {
          System.out.println("fuzz: " + i + " sent, statuses " + oracle.statusesSeen());
        }
      }
    } finally {
      JqwikSession.finish();
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    System.out.printf(
        "fuzz: seed %s, %d requests in %d s (%.0f/s), statuses %s, failures %d%n",
        seed,
        oracle.sent(),
        took.toSeconds(),
        oracle.sent() / Math.max(0.001, took.toMillis() / 1000.0),
        oracle.statusesSeen(),
        failures.size());
    System.out.println("fuzz: " + oracle.timeSpent());
    kinds.forEach((kind, count) -> System.out.println("failures of kind " + kind + ": " + count));
    System.exit(failures.isEmpty() ? 0 : 1);
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
