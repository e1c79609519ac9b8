package io.quartermaster.engine;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Decides the fate of a simulated node operation: how long it takes and whether it fails. The fate
 * depends only on the configuration and the operation's idempotency key.
 */
final class FaultPlan {

  private final SimulatedFaults faults;
  private final Duration nodeTime;
  private final KeyedRandom random;

  FaultPlan(SimulatedFaults faults, Duration nodeTime, KeyedRandom random) {
    this.faults = faults;
    this.nodeTime = nodeTime;
    this.random = random;
  }

  /**
   * @param delay how long the operation keeps its caller waiting: its duration, or the timeout when
   *     it would take longer
   * @param failure why it fails; empty when it succeeds (capacity permitting)
   */
  record Fate(Duration delay, Optional<String> failure) {}

  Fate decide(ProvisionRequest request) {
    RandomGenerator dice = random.forKey(request.idempotencyKey());
    // Both numbers are always drawn, in this order, so that changing one setting (a jitter of
    // zero, say) does not shift the other draw.
    double roll = dice.nextDouble();
    double jitterShare = dice.nextDouble();
    Duration duration =
        nodeTime
            .plus(faults.extraLatency())
            .plusNanos((long) (jitterShare * faults.latencyJitter().toNanos()));
    Optional<Duration> timeout = faults.nodeTimeout();
    if (timeout.isPresent() && duration.compareTo(timeout.get()) > 0) {
      return new Fate(
          timeout.get(),
          Optional.of(
              "Timed out after "
                  + millis(timeout.get())
                  + " (the operation needed "
                  + millis(duration)
                  + ")."));
    }
    String flavor = request.flavor().orElse("");
    double rate = faults.failureRate(flavor);
    if (roll < rate) {
      return new Fate(
          duration,
          Optional.of(
              "Simulated provider error: "
                  + verb(request)
                  + " failed (flavor "
                  + flavor
                  + ", failure rate "
                  + rate
                  + ")."));
    }
    return new Fate(duration, Optional.empty());
  }

  private static String verb(ProvisionRequest request) {
    return switch (request.action()) {
      case CREATE_NODE -> "creating the node";
      case DELETE_NODE -> "deleting the node";
      case CREATE_POOL -> "creating the pool";
      case DELETE_POOL -> "deleting the pool";
    };
  }

  /** Whole milliseconds as such, others rounded up to a tenth, so being just late shows. */
  private static String millis(Duration duration) {
    long nanos = duration.toNanos();
    if (nanos % 1_000_000 == 0) {
      return nanos / 1_000_000 + " ms";
    }
    return String.format(Locale.ROOT, "%.1f ms", Math.ceil(nanos / 1e5) / 10);
  }
}
