package io.quartermaster.order;

import io.quartermaster.pool.NodeDao;
import io.quartermaster.pool.PoolDao;
import io.quartermaster.pool.PoolPhase;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Ends a pending order as {@code failed}: the order, its pool's phase and its events change in the
 * caller's transaction, which holds the order's row lock.
 */
final class PendingOrderFailure {

  /** What the pool shows once its pending order failed. */
  enum PoolAfter {
    /**
     * The caller withdrew the order: a pool that existed before it is back to serving its nodes
     * with no message, since nothing was changed; a pool whose {@code apply} was withdrawn was
     * never created, and says why.
     */
    WITHDRAWN,
    /** Refused or lapsed: the pool fails as it would had the order failed while running. */
    FAILED
  }

  private final PendingOrderDao orders;
  private final OrderEventLog events;
  private final PoolDao pools;
  private final NodeDao nodes;

  PendingOrderFailure(PendingOrderDao orders, OrderEventLog events, PoolDao pools, NodeDao nodes) {
    this.orders = orders;
    this.events = events;
    this.pools = pools;
    this.nodes = nodes;
  }

  /**
   * Fails {@code order} with {@code reason}, after the caller appended the event that says why
   * (cancelled, rejected, expired).
   */
  void fail(Handle h, PendingOrderRow order, String reason, PoolAfter after, Instant now) {
    orders.fail(h, order.id(), reason, now);
    if (after == PoolAfter.WITHDRAWN && order.operation() == OrderOperation.MODIFY) {
      // A pool without nodes is what a failed apply left; it stays that way.
      PoolPhase phase =
          nodes.list(h, order.poolId()).isEmpty() ? PoolPhase.CreationFailed : PoolPhase.Running;
      pools.setPhase(h, order.poolId(), phase, Optional.empty());
    } else {
      PoolPhase phase =
          switch (order.operation()) {
            case APPLY -> PoolPhase.CreationFailed;
            case MODIFY -> PoolPhase.ScalingFailed;
            case DELETE -> PoolPhase.Error;
          };
      pools.setPhase(h, order.poolId(), phase, Optional.of(reason));
    }
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("phase", RunnableOrder.FAILED);
    payload.put("failReason", reason);
    events.append(h, order.projectId(), order.orderName(), "order.failed", payload, now);
  }
}
