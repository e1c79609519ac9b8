package io.quartermaster.order;

import io.quartermaster.error.BadRequestException;
import io.quartermaster.error.ConflictException;
import io.quartermaster.error.NotFoundException;
import io.quartermaster.identity.Caller;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Settling pending orders (CONTRACT §5): pay, approve, reject, cancel. Each runs in one transaction
 * that holds the order's row lock; the order's new state, its pool's, its events and (when it
 * starts) its engine job commit together.
 */
final class OrderActions {

  private final Jdbi jdbi;
  private final PendingOrderDao orders = new PendingOrderDao();
  private final OrderQueryDao reads = new OrderQueryDao();
  private final OrderEventLog events = new OrderEventLog();
  private final PoolEffects pools;
  private final PendingOrderFailure failure;
  private final OrderScheduler scheduler;
  private final Clock clock;

  OrderActions(Jdbi jdbi, PoolEffects pools, OrderScheduler scheduler, Clock clock) {
    this.jdbi = jdbi;
    this.pools = pools;
    this.failure = new PendingOrderFailure(pools);
    this.scheduler = scheduler;
    this.clock = clock;
  }

  /**
   * Pays a pending order. An order that was paid, or never needed paying, is {@code 400 "The order
   * has been paid."}; one that failed before it was paid is a conflict, since nothing was paid.
   */
  Order pay(Caller caller, String nameOrId) {
    return act(
        caller,
        nameOrId,
        (h, order, now) -> {
          if (!order.awaiting().payment()) {
            throw BadRequestException.alreadyPaid();
          }
          if (!order.pending()) {
            throw ConflictException.orderNotPending(
                order.orderName(), order.phase().wire(), "paid");
          }
          orders.markPaid(h, order.id(), now);
          proceed(h, order, order.awaiting().paid(), "order.paid", caller, now);
        });
  }

  /** Approves a pending order that awaits approval; it starts unless it still awaits payment. */
  Order approve(Caller caller, String nameOrId) {
    return act(
        caller,
        nameOrId,
        (h, order, now) -> {
          requireAwaitingApproval(order, "approved");
          orders.markApproved(h, order.id(), now);
          proceed(h, order, order.awaiting().approved(), "order.approved", caller, now);
        });
  }

  /** Rejects a pending order that awaits approval: it fails with the admin's reason. */
  Order reject(Caller caller, String nameOrId, String reason) {
    return act(
        caller,
        nameOrId,
        (h, order, now) -> {
          requireAwaitingApproval(order, "rejected");
          event(h, order, "order.rejected", Map.of("by", caller.userName(), "reason", reason), now);
          String failReason = "Rejected by " + caller.userName() + ": " + reason;
          failure.fail(h, order, failReason, now);
        });
  }

  /** Cancels a pending order, whatever it awaits: it fails, and its pool is as it was. */
  Order cancel(Caller caller, String nameOrId) {
    return act(
        caller,
        nameOrId,
        (h, order, now) -> {
          if (!order.pending()) {
            throw ConflictException.orderNotPending(
                order.orderName(), order.phase().wire(), "cancelled");
          }
          event(h, order, "order.cancelled", Map.of("by", caller.userName()), now);
          String reason = "Cancelled by " + caller.userName() + ".";
          failure.withdraw(h, order, reason, now);
        });
  }

  private static void requireAwaitingApproval(PendingOrderRow order, String action) {
    if (!order.pending()) {
      throw ConflictException.orderNotPending(order.orderName(), order.phase().wire(), action);
    }
    if (!order.awaiting().approval()) {
      throw ConflictException.orderNotAwaitingApproval(
          order.orderName(), order.awaiting().what(), action);
    }
  }

  /**
   * After one wait was settled: the order starts when it awaits nothing more (its job is scheduled
   * in this transaction), else its pool says what it still waits for.
   */
  private void proceed(
      Handle h, PendingOrderRow order, Awaiting remaining, String kind, Caller by, Instant now) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("by", by.userName());
    OrderPhase phase = remaining.anything() ? OrderPhase.PENDING : OrderPhase.PROCESSING;
    payload.put("phase", phase.wire());
    event(h, order, kind, payload, now);
    if (remaining.anything()) {
      pools.waiting(h, order.poolOrder(), remaining);
      return;
    }
    scheduler.schedule(h, order.id());
    pools.started(h, order.poolOrder(), now);
  }

  private Order act(Caller caller, String nameOrId, Action action) {
    return jdbi.inTransaction(
        h -> {
          PendingOrderRow order =
              orders
                  .lock(h, caller.projectId(), nameOrId)
                  .orElseThrow(() -> NotFoundException.order(nameOrId));
          action.apply(h, order, now());
          return Order.of(reads.find(h, caller.projectId(), order.orderName()).orElseThrow());
        });
  }

  private void event(
      Handle h, PendingOrderRow order, String kind, Map<String, Object> payload, Instant now) {
    events.append(h, order.projectId(), order.orderName(), kind, payload, now);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  @FunctionalInterface
  private interface Action {
    void apply(Handle h, PendingOrderRow order, Instant now);
  }
}
