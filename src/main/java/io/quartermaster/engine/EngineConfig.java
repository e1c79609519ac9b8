package io.quartermaster.engine;

import java.time.Duration;

/**
 * How the order engine runs.
 *
 * @param workers orders carried out at once by this instance
 * @param pollInterval how often an idle instance looks for orders placed by other instances
 * @param heartbeatInterval how often a running order says it is alive; an order whose instance
 *     stayed silent for {@code missedHeartbeats} intervals is taken over by another instance
 * @param simulatedNodeTime how long the simulated provider takes per node
 * @param simulatedFaults the failures and delays the simulated provider injects
 */
public record EngineConfig(
    int workers,
    Duration pollInterval,
    Duration heartbeatInterval,
    int missedHeartbeats,
    int maxRetries,
    Duration retryBackoff,
    Duration simulatedNodeTime,
    SimulatedFaults simulatedFaults) {

  /** db-scheduler's own lower bound: fewer missed heartbeats would misjudge live instances. */
  public static final int MIN_MISSED_HEARTBEATS = 4;

  public EngineConfig {
    if (workers < 1 || missedHeartbeats < MIN_MISSED_HEARTBEATS || maxRetries < 0) {
      throw new IllegalArgumentException(
          "engine workers must be positive, retries not negative, missed heartbeats at least "
              + MIN_MISSED_HEARTBEATS);
    }
  }

  /** The same engine, with the simulated provider injecting {@code faults}. */
  public EngineConfig withSimulatedFaults(SimulatedFaults faults) {
    return new EngineConfig(
        workers,
        pollInterval,
        heartbeatInterval,
        missedHeartbeats,
        maxRetries,
        retryBackoff,
        simulatedNodeTime,
        faults);
  }
}
