package io.quartermaster.order;

import java.time.Instant;
import java.util.Optional;

/**
 * An order whose names and waits are decided but which is not written yet: what a new pool's row
 * needs to name its order, before {@link OrderPlacement#place(org.jdbi.v3.core.Handle, OrderDraft)}
 * writes it.
 *
 * @param awaiting what the order waits for before it is processed; nothing when it starts at once
 * @param placedAt the order's creation time, whole milliseconds
 */
public record OrderDraft(
    NewOrder order, String orderName, String orderId, Awaiting awaiting, Instant placedAt) {

  /** Whether the order waits ({@code pending}) instead of being processed at once. */
  public boolean pending() {
    return awaiting.anything();
  }

  /** The pool's {@code status.message} while the order waits. */
  public Optional<String> waitingMessage() {
    return awaiting.poolMessage(orderName);
  }

  /** The order as its pool sees it. */
  public PoolOrder poolOrder() {
    return new PoolOrder(order.poolId(), orderName, order.operation());
  }

  OrderPhase phase() {
    return pending() ? OrderPhase.PENDING : OrderPhase.PROCESSING;
  }
}
