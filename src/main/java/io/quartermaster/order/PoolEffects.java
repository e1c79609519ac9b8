package io.quartermaster.order;

import io.quartermaster.flavor.FlavorCount;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Everything an order's lifecycle does to its pool, declared here so that the orders and the engine
 * can report each step while the pool feature alone decides what it means for the pool (its phase,
 * message and nodes). Each call runs in the caller's transaction, which also changes the order, so
 * a pool and its order never disagree.
 */
public interface PoolEffects {

  /** The order is still pending, for what {@code awaiting} says. */
  void waiting(Handle h, PoolOrder order, Awaiting awaiting);

  /** The order was handed to the engine. */
  void started(Handle h, PoolOrder order, Instant now);

  /** One of the order's items succeeded: the node or pool it created or deleted is recorded. */
  void itemSucceeded(Handle h, PoolOrder order, PlannedItem item, Instant now);

  /** Several of the order's items succeeded, recorded as {@link #itemSucceeded} each would. */
  default void itemsSucceeded(Handle h, PoolOrder order, List<PlannedItem> items, Instant now) {
    for (PlannedItem item : items) {
      itemSucceeded(h, order, item, now);
    }
  }

  /** The order succeeded. */
  void succeeded(Handle h, PoolOrder order);

  /** The order failed (refused, lapsed, or failed while running) for {@code reason}. */
  void failed(Handle h, PoolOrder order, String reason);

  /** The caller withdrew the pending order ({@code reason} says who): nothing was changed. */
  void withdrawn(Handle h, PoolOrder order, String reason);

  /** The pool's nodes as they stand, per flavor and AZ: what an order reports as its result. */
  List<FlavorCount> nodes(Handle h, UUID poolId);

  /**
   * Called after orders were purged: deletes up to {@code limit} deleted pools that no order names
   * any more; answers how many.
   */
  int purgeForgotten(Handle h, int limit);
}
