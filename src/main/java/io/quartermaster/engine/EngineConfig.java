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
 * @param itemParallelism node items of one order carried out at once
 * @param maxConcurrentItems items carried out at once by this instance, over all its orders: the
 *     most provider calls one instance has in flight
 */
public record EngineConfig(
    int workers,
    Duration pollInterval,
    Duration heartbeatInterval,
    int missedHeartbeats,
    int maxRetries,
    Duration retryBackoff,
    Duration simulatedNodeTime,
    SimulatedFaults simulatedFaults,
    int itemParallelism,
    int maxConcurrentItems) {

  public static final int DEFAULT_ITEM_PARALLELISM = 8;

  /** Four workers' worth of orders at the default parallelism: by default the bound never binds. */
  public static final int DEFAULT_MAX_CONCURRENT_ITEMS = 32;

  /** db-scheduler's own lower bound: fewer missed heartbeats would misjudge live instances. */
  public static final int MIN_MISSED_HEARTBEATS = 4;

  public EngineConfig {
    if (workers < 1 || missedHeartbeats < MIN_MISSED_HEARTBEATS || maxRetries < 0) {
      throw new IllegalArgumentException(
          "engine workers must be positive, retries not negative, missed heartbeats at least "
              + MIN_MISSED_HEARTBEATS);
    }
    if (itemParallelism < 1 || maxConcurrentItems < 1) {
      throw new IllegalArgumentException(
          "item parallelism and its instance bound must be positive");
    }
  }

  /** An engine with the default item parallelism and instance bound. */
  public EngineConfig(
      int workers,
      Duration pollInterval,
      Duration heartbeatInterval,
      int missedHeartbeats,
      int maxRetries,
      Duration retryBackoff,
      Duration simulatedNodeTime,
      SimulatedFaults simulatedFaults) {
    this(
        workers,
        pollInterval,
        heartbeatInterval,
        missedHeartbeats,
        maxRetries,
        retryBackoff,
        simulatedNodeTime,
        simulatedFaults,
        DEFAULT_ITEM_PARALLELISM,
        DEFAULT_MAX_CONCURRENT_ITEMS);
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
        faults,
        itemParallelism,
        maxConcurrentItems);
  }

  /**
   * The same engine, carrying out {@code perOrder} items of an order and {@code perInstance} in all
   * at once.
   */
  public EngineConfig withItemParallelism(int perOrder, int perInstance) {
    return new EngineConfig(
        workers,
        pollInterval,
        heartbeatInterval,
        missedHeartbeats,
        maxRetries,
        retryBackoff,
        simulatedNodeTime,
        simulatedFaults,
        perOrder,
        perInstance);
  }
}
