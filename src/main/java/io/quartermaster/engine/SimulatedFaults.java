package io.quartermaster.engine;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Faults the simulated provider injects into node operations ({@code createNode}, {@code
 * deleteNode}), so that failure handling can be exercised without a real cloud. Pool operations
 * never fail.
 *
 * @param failureRate the probability, 0 to 1, that a node operation fails
 * @param failureRates per flavor, a probability that replaces {@code failureRate}
 * @param extraLatency added to the time of every node operation
 * @param latencyJitter a random extra, up to this, added to the time of every node operation
 * @param nodeTimeout a node operation that would take longer fails after this long
 * @param seed mixed with each operation's idempotency key to decide its fate, so that an operation
 *     replayed after a crash meets the same fate and a run can be reproduced
 */
public record SimulatedFaults(
    double failureRate,
    Map<String, Double> failureRates,
    Duration extraLatency,
    Duration latencyJitter,
    Optional<Duration> nodeTimeout,
    long seed) {

  /** No injected failures, no extra latency, no timeout. */
  public static final SimulatedFaults NONE =
      new SimulatedFaults(0, Map.of(), Duration.ZERO, Duration.ZERO, Optional.empty(), 0);

  public SimulatedFaults {
    if (!isRate(failureRate) || !failureRates.values().stream().allMatch(SimulatedFaults::isRate)) {
      throw new IllegalArgumentException("failure rates must lie between 0 and 1");
    }
    if (extraLatency.isNegative() || latencyJitter.isNegative()) {
      throw new IllegalArgumentException("latencies must not be negative");
    }
    if (nodeTimeout.isPresent() && (nodeTimeout.get().isNegative() || nodeTimeout.get().isZero())) {
      throw new IllegalArgumentException("the node timeout must be longer than zero");
    }
    failureRates = Map.copyOf(failureRates);
  }

  /** The probability that a node operation on {@code flavor} fails. */
  public double failureRate(String flavor) {
    return failureRates.getOrDefault(flavor, failureRate);
  }

  static boolean isRate(double value) {
    return value >= 0 && value <= 1;
  }
}
