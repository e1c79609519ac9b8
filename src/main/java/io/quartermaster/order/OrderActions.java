package io.quartermaster.order;

import io.quartermaster.error.BadRequestException;
import io.quartermaster.error.ConflictException;
import io.quartermaster.error.NotFoundException;
import io.quartermaster.identity.Caller;
import io.quartermaster.order.PendingOrderFailure.PoolAfter;
import io.quartermaster.pool.NodeDao;
import io.quartermaster.pool.PoolDao;
import io.quartermaster.pool.PoolPhase;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Settling pending orders (CONTRACT §5): pay, approve, reject, cancel. Each runs in one transaction
 * that holds the order's row lock; the order's new state, its pool's phase, its events and (when it
 * starts) its engine job commit together.
 */
public final class OrderActions {

  private final Jdbi jdbi;
  private final PendingOrderDao orders = new PendingOrderDao();
  private final OrderQueryDao reads = new OrderQueryDao();
  private final OrderEventLog events;
  private final PoolDao pools;
  private final NodeDao nodes;
  private final PendingOrderFailure failure;
  private final OrderScheduler scheduler;
  private final Runnable wakeEngine;
  private final Clock clock;

  public OrderActions(
      Jdbi jdbi,
      OrderEventLog events,
      PoolDao pools,
      NodeDao nodes,
      OrderScheduler scheduler,
      Runnable wakeEngine,
      Clock clock) {
    this.jdbi = jdbi;
    this.events = events;
    this.pools = pools;
    this.nodes = nodes;
    this.failure = new PendingOrderFailure(orders, events, pools, nodes);
    this.scheduler = scheduler;
    this.wakeEngine = wakeEngine;
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
            throw ConflictException.orderNotPending(order.orderName(), order.phase(), "paid");
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
          failure.fail(h, order, failReason, PoolAfter.FAILED, now);
        });
  }

  /** Cancels a pending order, whatever it awaits: it fails, and its pool is as it was. */
  Order cancel(Caller caller, String nameOrId) {
    return act(
        caller,
        nameOrId,
        (h, order, now) -> {
          if (!order.pending()) {
            throw ConflictException.orderNotPending(order.orderName(), order.phase(), "cancelled");
          }
          event(h, order, "order.cancelled", Map.of("by", caller.userName()), now);
          String reason = "Cancelled by " + caller.userName() + ".";
          failure.fail(h, order, reason, PoolAfter.WITHDRAWN, now);
        });
  }

  private static void requireAwaitingApproval(PendingOrderRow order, String action) {
    if (!order.pending()) {
      throw ConflictException.orderNotPending(order.orderName(), order.phase(), action);
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
    payload.put("phase", remaining.anything() ? RunnableOrder.PENDING : RunnableOrder.PROCESSING);
    event(h, order, kind, payload, now);
    if (remaining.anything()) {
      pools.setPhase(
          h, order.poolId(), PoolPhase.Waiting, remaining.poolMessage(order.orderName()));
      return;
    }
    scheduler.schedule(h, order.id());
    // As when an order is placed without waiting: a pool with nodes keeps serving them.
    boolean hasNodes = !nodes.list(h, order.poolId()).isEmpty();
    PoolPhase phase =
        order.operation() == OrderOperation.MODIFY && hasNodes
            ? PoolPhase.Running
            : PoolPhase.Creating;
    pools.setPhase(h, order.poolId(), phase, Optional.empty());
  }

  private Order act(Caller caller, String nameOrId, Action action) {
    Order result =
        jdbi.inTransaction(
            h -> {
              PendingOrderRow order =
                  orders
                      .lock(h, caller.projectId(), nameOrId)
                      .orElseThrow(() -> NotFoundException.order(nameOrId));
              action.apply(h, order, now());
              return Order.of(reads.find(h, caller.projectId(), order.orderName()).orElseThrow());
            });
    if (RunnableOrder.PROCESSING.equals(result.phase())) {
      wakeEngine.run();
    }
    return result;
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
