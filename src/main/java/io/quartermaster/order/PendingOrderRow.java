package io.quartermaster.order;

import java.time.Instant;
import java.util.UUID;

/**
 * An order as the pending-order actions and the expiry sweep see it, read under a row lock.
 *
 * @param awaiting what it waits for while pending; what it still waited for when it failed
 */
record PendingOrderRow(
    long id,
    String projectId,
    String orderName,
    UUID poolId,
    OrderOperation operation,
    OrderPhase phase,
    Awaiting awaiting,
    Instant createdAt) {

  boolean pending() {
    return phase == OrderPhase.PENDING;
  }

  PoolOrder poolOrder() {
    return new PoolOrder(poolId, orderName, operation);
  }
}
