package io.quartermaster.order;

import io.quartermaster.error.ConflictException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Places orders inside the transaction of the pool change that causes them: the order, its planned
 * items, its first event and (unless it waits for payment) its engine job commit together.
 */
public final class OrderPlacement {

  private final OrderLifecycleDao orders;
  private final OrderEventLog events;
  private final OrderNames names;
  private final OrderScheduler scheduler;
  private final int approvalThreshold;
  private final Clock clock;

  /**
   * @param approvalThreshold orders changing more nodes than this wait for an admin's approval; 0
   *     turns approval off
   */
  public OrderPlacement(
      OrderLifecycleDao orders,
      OrderEventLog events,
      OrderNames names,
      OrderScheduler scheduler,
      int approvalThreshold,
      Clock clock) {
    this.orders = orders;
    this.events = events;
    this.names = names;
    this.scheduler = scheduler;
    this.approvalThreshold = approvalThreshold;
    this.clock = clock;
  }

  /**
   * Places {@code order}. The caller must hold a lock on the pool row, which makes the
   * one-unfinished-order check race-free; the unique index behind it is the last line.
   *
   * @throws ConflictException when the pool already has an unfinished order
   */
  public PlacedOrder place(Handle h, NewOrder order) {
    orders
        .unfinishedOrderName(h, order.poolId())
        .ifPresent(
            name -> {
              throw ConflictException.orderInProgress(order.resourceDisplayName(), name);
            });
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    String orderName = uniqueOrderName(h, order);
    String orderId = uniqueOrderId(h, now);
    Awaiting awaiting = awaiting(order);
    String phase = awaiting.anything() ? RunnableOrder.PENDING : RunnableOrder.PROCESSING;
    long id = orders.insert(h, order, orderName, orderId, phase, awaiting, now);
    orders.insertItems(h, id, order.items());
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("orderId", orderId);
    payload.put("operation", order.operation().wireName());
    payload.put("phase", phase);
    payload.put("resourceName", order.resourceName());
    payload.put("awaitingPayment", awaiting.payment());
    payload.put("awaitingApproval", awaiting.approval());
    events.append(h, order.projectId(), orderName, "order.placed", payload, now);
    if (!awaiting.anything()) {
      scheduler.schedule(h, id);
    }
    return new PlacedOrder(id, orderName, orderId, awaiting);
  }

  /**
   * Deleting a pool is never held back: there is nothing left to pay for, and holding it back would
   * keep alive what the caller wants gone. Anything else waits for payment when its billing says
   * so, and for approval when it creates or deletes more nodes than the threshold.
   */
  private Awaiting awaiting(NewOrder order) {
    if (order.operation() == OrderOperation.DELETE) {
      return Awaiting.NOTHING;
    }
    long nodeChanges =
        order.items().stream()
            .filter(i -> i.action() == ItemAction.createNode || i.action() == ItemAction.deleteNode)
            .count();
    return new Awaiting(
        order.billing().awaitsPayment(), approvalThreshold > 0 && nodeChanges > approvalThreshold);
  }

  private String uniqueOrderName(Handle h, NewOrder order) {
    String name;
    do {
      name = names.orderName(order.resourceDisplayName());
    } while (orders.orderNameTaken(h, order.projectId(), name));
    return name;
  }

  private String uniqueOrderId(Handle h, Instant now) {
    String id;
    do {
      id = names.orderId(now);
    } while (orders.orderIdTaken(h, id));
    return id;
  }
}
