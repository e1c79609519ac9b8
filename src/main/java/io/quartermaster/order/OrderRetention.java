package io.quartermaster.order;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.IntSupplier;
import org.jdbi.v3.core.Jdbi;

/**
 * Purges finished orders placed longer ago than the retention period (CONTRACT §4), with their
 * items and events, and then the rows of deleted pools that no retained order names any more. Runs
 * as a recurring job, one bounded batch per transaction.
 *
 * <p>Unfinished orders are never purged: an accepted order is never lost, however long it waits.
 * Purging takes an order's events out of its project's log; the numbers of the events that stay are
 * unchanged, so the log has holes only where whole orders left it.
 */
final class OrderRetention {

  /** How many orders and pools one run purged. */
  record Purged(int orders, int pools) {}

  private final Jdbi jdbi;
  private final OrderLifecycleDao orders = new OrderLifecycleDao();
  private final PoolEffects pools;
  private final Duration retention;
  private final int batchSize;
  private final Clock clock;

  OrderRetention(Jdbi jdbi, PoolEffects pools, OrderConfig config, Clock clock) {
    this(jdbi, pools, config.retention(), config.sweepBatchSize(), clock);
  }

  OrderRetention(Jdbi jdbi, PoolEffects pools, Duration retention, int batchSize, Clock clock) {
    this.jdbi = jdbi;
    this.pools = pools;
    this.retention = retention;
    this.batchSize = batchSize;
    this.clock = clock;
  }

  Purged purge() {
    Instant cutoff = clock.instant().minus(retention);
    int purgedOrders =
        inBatches(() -> jdbi.inTransaction(h -> orders.purgeFinishedBefore(h, cutoff, batchSize)));
    // After the orders, so that the pools whose last order just went go in the same run.
    int purgedPools = inBatches(() -> jdbi.inTransaction(h -> pools.purgeForgotten(h, batchSize)));
    return new Purged(purgedOrders, purgedPools);
  }

  private int inBatches(IntSupplier batch) {
    int total = 0;
    int done;
    do {
      done = batch.getAsInt();
      total += done;
    } while (done == batchSize);
    return total;
  }
}
