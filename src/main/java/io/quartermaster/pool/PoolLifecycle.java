package io.quartermaster.pool;

import io.quartermaster.flavor.FlavorCount;
import io.quartermaster.order.Awaiting;
import io.quartermaster.order.ItemAction;
import io.quartermaster.order.OrderDraft;
import io.quartermaster.order.OrderOperation;
import io.quartermaster.order.PlannedItem;
import io.quartermaster.order.PoolEffects;
import io.quartermaster.order.PoolOrder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Everything an order does to its pool, in one place: the pool's phase and message at each step of
 * the order's lifecycle, and the nodes its items create and delete. The orders and the engine
 * report the steps through {@link PoolEffects}; the pool's own changes report placing an order here
 * directly. Every method runs in the caller's transaction.
 */
public final class PoolLifecycle implements PoolEffects {

  private final PoolDao pools = new PoolDao();
  private final NodeDao nodes = new NodeDao();

  /** The phase a new pool is written with: waiting for its apply order, or being created. */
  static PoolPhase firstPhase(OrderDraft apply) {
    return apply.pending() ? PoolPhase.WAITING : PoolPhase.CREATING;
  }

  /** An order was placed for an existing pool: it waits, or it started. */
  void placed(Handle h, OrderDraft order) {
    if (order.pending()) {
      waiting(h, order.poolOrder(), order.awaiting());
    } else {
      started(h, order.poolOrder(), order.placedAt());
    }
  }

  @Override
  public void waiting(Handle h, PoolOrder order, Awaiting awaiting) {
    pools.setPhase(h, order.poolId(), PoolPhase.WAITING, awaiting.poolMessage(order.orderName()));
  }

  @Override
  public void started(Handle h, PoolOrder order, Instant now) {
    switch (order.operation()) {
      case APPLY -> pools.setPhase(h, order.poolId(), PoolPhase.CREATING, Optional.empty());
      // A pool with nodes keeps serving them while it scales.
      case MODIFY ->
          pools.setPhase(
              h, order.poolId(), servingOr(h, order, PoolPhase.CREATING), Optional.empty());
      case DELETE -> pools.markDeletionRequested(h, order.poolId(), now);
    }
  }

  @Override
  public void itemSucceeded(Handle h, PoolOrder order, PlannedItem item, Instant now) {
    switch (item.action()) {
      case CREATE_NODE ->
          nodes.insert(
              h,
              order.poolId(),
              item.resourceName(),
              item.flavor().orElseThrow(),
              item.az().orElseThrow(),
              now);
      case DELETE_NODE -> nodes.delete(h, order.poolId(), item.resourceName());
      case DELETE_POOL -> pools.markDeleted(h, order.poolId(), now);
      case CREATE_POOL -> {}
    }
  }

  /** Records created nodes in one statement; everything else as {@link #itemSucceeded} does. */
  @Override
  public void itemsSucceeded(Handle h, PoolOrder order, List<PlannedItem> items, Instant now) {
    List<PlannedItem> created =
        items.stream().filter(item -> item.action() == ItemAction.CREATE_NODE).toList();
    nodes.insertAll(h, order.poolId(), created, now);
    for (PlannedItem item : items) {
      if (item.action() != ItemAction.CREATE_NODE) {
        itemSucceeded(h, order, item, now);
      }
    }
  }

  @Override
  public void succeeded(Handle h, PoolOrder order) {
    // A deleted pool keeps the phase it had while it was being deleted.
    if (order.operation() != OrderOperation.DELETE) {
      pools.setPhase(h, order.poolId(), PoolPhase.RUNNING, Optional.empty());
    }
  }

  /**
   * The one rule of what a pool shows after its order failed, whether it failed while running or
   * was refused or lapsed while pending: its creation, its scaling or its deletion failed, and why.
   */
  @Override
  public void failed(Handle h, PoolOrder order, String reason) {
    PoolPhase phase =
        switch (order.operation()) {
          case APPLY -> PoolPhase.CREATION_FAILED;
          case MODIFY -> PoolPhase.SCALING_FAILED;
          case DELETE -> PoolPhase.ERROR;
        };
    pools.setPhase(h, order.poolId(), phase, Optional.of(reason));
  }

  /**
   * A withdrawn scaling changed nothing: the pool is back to serving its nodes, with no message (a
   * pool without nodes is what a failed apply left, and stays that way). A pool whose apply was
   * withdrawn was never created, and says why.
   */
  @Override
  public void withdrawn(Handle h, PoolOrder order, String reason) {
    if (order.operation() == OrderOperation.MODIFY) {
      pools.setPhase(
          h, order.poolId(), servingOr(h, order, PoolPhase.CREATION_FAILED), Optional.empty());
    } else {
      failed(h, order, reason);
    }
  }

  @Override
  public List<FlavorCount> nodes(Handle h, UUID poolId) {
    return nodes.counts(h, poolId);
  }

  @Override
  public int purgeForgotten(Handle h, int limit) {
    return pools.purgeDeletedUnreferenced(h, limit);
  }

  /** Running when the pool has nodes to serve, else {@code withoutNodes}. */
  private PoolPhase servingOr(Handle h, PoolOrder order, PoolPhase withoutNodes) {
    return nodes.list(h, order.poolId()).isEmpty() ? withoutNodes : PoolPhase.RUNNING;
  }
}
