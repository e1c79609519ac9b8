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
 * items, its first event and (unless it waits) its engine job commit together. What placing an
 * order does to its pool is the pool feature's part, done in the same transaction.
 */
public final class OrderPlacement {

  private final OrderLifecycleDao orders = new OrderLifecycleDao();
  private final OrderEventLog events = new OrderEventLog();
  private final OrderNames names;
  private final OrderScheduler scheduler;
  private final int approvalThreshold;
  private final Clock clock;

  /**
   * @param approvalThreshold orders changing more nodes than this wait for an admin's approval; 0
   *     turns approval off
   */
  public OrderPlacement(
      OrderNames names, OrderScheduler scheduler, int approvalThreshold, Clock clock) {
    this.names = names;
    this.scheduler = scheduler;
    this.approvalThreshold = approvalThreshold;
    this.clock = clock;
  }

  /**
   * Decides the order's names and what it waits for, writing nothing, so that a new pool's row can
   * be written once with its order's names before the order that references it. The caller must
   * hold a lock on the pool row (or, for a new pool, on its project), which makes the
   * one-unfinished-order check race-free; the unique index behind it is the last line.
   *
   * @throws ConflictException when the pool already has an unfinished order
   */
  public OrderDraft draft(Handle h, NewOrder order) {
    orders
        .unfinishedOrderName(h, order.poolId())
        .ifPresent(
            name -> {
              throw ConflictException.orderInProgress(order.resourceDisplayName(), name);
            });
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    return new OrderDraft(
        order, uniqueOrderName(h, order), uniqueOrderId(h, now), awaiting(order), now);
  }

  /** Writes a drafted order, its items and its first event; schedules it unless it waits. */
  public void place(Handle h, OrderDraft draft) {
    NewOrder order = draft.order();
    long id = orders.insert(h, draft);
    orders.insertItems(h, id, order.items());
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("orderId", draft.orderId());
    payload.put("operation", order.operation().wire());
    payload.put("phase", draft.phase().wire());
    payload.put("resourceName", order.resourceName());
    payload.put("awaitingPayment", draft.awaiting().payment());
    payload.put("awaitingApproval", draft.awaiting().approval());
    events.append(
        h, order.projectId(), draft.orderName(), "order.placed", payload, draft.placedAt());
    if (!draft.pending()) {
      scheduler.schedule(h, id);
    }
  }

  /** Drafts and places {@code order} at once, for a pool that exists already. */
  public OrderDraft place(Handle h, NewOrder order) {
    OrderDraft draft = draft(h, order);
    place(h, draft);
    return draft;
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
    long nodeChanges = order.items().stream().filter(i -> i.action().changesNode()).count();
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
