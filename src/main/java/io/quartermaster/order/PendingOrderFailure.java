package io.quartermaster.order;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Ends a pending order as {@code failed}: the order, its pool and its events change in the caller's
 * transaction, which holds the order's row lock. Each method runs after the caller appended the
 * event that says why (cancelled, rejected, expired).
 */
final class PendingOrderFailure {

  private final PendingOrderDao orders = new PendingOrderDao();
  private final OrderEventLog events = new OrderEventLog();
  private final PoolEffects pools;

  PendingOrderFailure(PoolEffects pools) {
    this.pools = pools;
  }

  /** Refused or lapsed: the pool fails as it would had the order failed while running. */
  void fail(Handle h, PendingOrderRow order, String reason, Instant now) {
    orders.fail(h, order.id(), reason, now);
    pools.failed(h, order.poolOrder(), reason);
    failed(h, order, reason, now);
  }

  /** The caller withdrew the order: its pool is as it was. */
  void withdraw(Handle h, PendingOrderRow order, String reason, Instant now) {
    orders.fail(h, order.id(), reason, now);
    pools.withdrawn(h, order.poolOrder(), reason);
    failed(h, order, reason, now);
  }

  private void failed(Handle h, PendingOrderRow order, String reason, Instant now) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("phase", OrderPhase.FAILED.wire());
    payload.put("failReason", reason);
    events.append(h, order.projectId(), order.orderName(), "order.failed", payload, now);
  }
}
