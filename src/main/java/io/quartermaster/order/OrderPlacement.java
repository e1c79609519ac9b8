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
  private final Clock clock;

  public OrderPlacement(
      OrderLifecycleDao orders,
      OrderEventLog events,
      OrderNames names,
      OrderScheduler scheduler,
      Clock clock) {
    this.orders = orders;
    this.events = events;
    this.names = names;
    this.scheduler = scheduler;
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
    // Deleting a pool is never held back for payment: there is nothing left to pay for.
    boolean pending = order.operation() != OrderOperation.DELETE && order.billing().awaitsPayment();
    String phase = pending ? RunnableOrder.PENDING : RunnableOrder.PROCESSING;
    long id = orders.insert(h, order, orderName, orderId, phase, now);
    orders.insertItems(h, id, order.items());
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("orderId", orderId);
    payload.put("operation", order.operation().wireName());
    payload.put("phase", phase);
    payload.put("resourceName", order.resourceName());
    events.append(h, order.projectId(), orderName, "order.placed", payload, now);
    if (!pending) {
      scheduler.schedule(h, id);
    }
    return new PlacedOrder(id, orderName, orderId, pending);
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
