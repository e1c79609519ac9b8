package io.quartermaster.order;

import java.time.Duration;
import java.util.Objects;

/**
 * How the order feature is configured.
 *
 * @param listWindow how far back ListOrders can see (CONTRACT §2.1: a {@code since} before {@code
 *     now - listWindow} is raised to it)
 * @param approvalThreshold orders that create or delete more nodes than this wait for an admin's
 *     approval; 0 turns approval off
 * @param pendingTimeout how long an order may stay pending before it fails
 * @param retention how long orders are kept after they were placed
 * @param sweepInterval how often pending orders are expired and old orders purged
 * @param sweepBatchSize how many orders one transaction of a sweep handles at most
 */
public record OrderConfig(
    Duration listWindow,
    int approvalThreshold,
    Duration pendingTimeout,
    Duration retention,
    Duration sweepInterval,
    int sweepBatchSize) {

  public static final Duration DEFAULT_LIST_WINDOW = Duration.ofDays(30);
  public static final Duration DEFAULT_PENDING_TIMEOUT = Duration.ofDays(7);
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(90);
  public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofMinutes(1);
  public static final int DEFAULT_SWEEP_BATCH_SIZE = 100;

  public OrderConfig {
    positive(listWindow, "listWindow");
    positive(pendingTimeout, "pendingTimeout");
    positive(retention, "retention");
    positive(sweepInterval, "sweepInterval");
    if (approvalThreshold < 0) {
      throw new IllegalArgumentException("approvalThreshold must not be negative");
    }
    if (sweepBatchSize < 1) {
      throw new IllegalArgumentException("sweepBatchSize must be positive");
    }
  }

  /** The defaults, with another listing window. */
  public OrderConfig(Duration listWindow) {
    this(
        listWindow,
        0,
        DEFAULT_PENDING_TIMEOUT,
        DEFAULT_RETENTION,
        DEFAULT_SWEEP_INTERVAL,
        DEFAULT_SWEEP_BATCH_SIZE);
  }

  public static OrderConfig defaults() {
    return new OrderConfig(DEFAULT_LIST_WINDOW);
  }

  public OrderConfig withApprovalThreshold(int nodes) {
    return new OrderConfig(
        listWindow, nodes, pendingTimeout, retention, sweepInterval, sweepBatchSize);
  }

  public OrderConfig withSweepInterval(Duration interval) {
    return new OrderConfig(
        listWindow, approvalThreshold, pendingTimeout, retention, interval, sweepBatchSize);
  }

  private static void positive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }
}
