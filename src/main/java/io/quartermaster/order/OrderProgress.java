package io.quartermaster.order;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The steps of a processing order, as the engine reports them: each is one transaction that moves
 * the order or an item on, tells its pool (through {@link PoolEffects}) and appends the events.
 * Every step is conditional on the state it leaves, so a step repeated after a crash, or lost to
 * another instance, changes nothing.
 */
public final class OrderProgress {

  private final Jdbi jdbi;
  private final OrderLifecycleDao orders = new OrderLifecycleDao();
  private final OrderEventLog events = new OrderEventLog();
  private final PoolEffects pools;
  private final Clock clock;

  public OrderProgress(Jdbi jdbi, PoolEffects pools, Clock clock) {
    this.jdbi = jdbi;
    this.pools = pools;
    this.clock = clock;
  }

  /** The order, while it is processing; empty once it finished, or when it is not to run yet. */
  public Optional<RunnableOrder> processing(long orderId) {
    return jdbi.withHandle(h -> orders.findRunnable(h, orderId))
        .filter(order -> order.phase() == OrderPhase.PROCESSING);
  }

  /** The order's items, in the order they are carried out. */
  public List<OrderItemRow> items(long orderId) {
    return jdbi.withHandle(h -> orders.items(h, orderId));
  }

  /** Records when processing began; only the first call counts. */
  public void begin(RunnableOrder order) {
    jdbi.useTransaction(
        h -> {
          if (orders.markBegun(h, order.id(), now())) {
            event(h, order, "order.processing", Map.of("phase", OrderPhase.PROCESSING.wire()));
          }
        });
  }

  /** Marks a planned item {@code processing}, before the provider is called for it. */
  public void startItem(RunnableOrder order, OrderItemRow item) {
    jdbi.useTransaction(
        h -> {
          if (orders.startItem(h, order.id(), item.seq(), now())) {
            itemEvent(h, order, item, ItemStatus.PROCESSING, Optional.empty());
          }
        });
  }

  /**
   * The provider carried the item out: its pool records the change, the order its result. Returns
   * whether this call settled the item (false when it had been settled already).
   */
  public boolean itemSucceeded(RunnableOrder order, OrderItemRow item, Optional<String> message) {
    return jdbi.inTransaction(
        h -> {
          // Items of one order settle concurrently: the order's row lock makes each recount of
          // the pool's nodes see every item settled before it, so no result is lost.
          orders.lockForSettling(h, order.id());
          Instant now = now();
          if (!orders.finishItem(h, order.id(), item.seq(), ItemStatus.SUCCEED, message, now)) {
            return false;
          }
          pools.itemSucceeded(h, order.poolOrder(), item.planned(), now);
          orders.updateResultCount(h, order.id(), pools.nodes(h, order.poolId()));
          itemEvent(h, order, item, ItemStatus.SUCCEED, message);
          return true;
        });
  }

  /**
   * The provider refused the item: it fails. The order fails once the items still in flight have
   * settled ({@link #failedBy}), so that its final event comes after theirs. Returns whether this
   * call settled the item.
   */
  public boolean itemFailed(RunnableOrder order, OrderItemRow item, String message) {
    return jdbi.inTransaction(h -> failItem(h, order, item, message));
  }

  /** The order fails because {@code item} failed with {@code message}. */
  public void failedBy(RunnableOrder order, OrderItemRow item, String message) {
    fail(order, failReason(item, message));
  }

  /**
   * The engine gave up on the items it had in flight: each fails with {@code message}, and so does
   * the order, even when they were settled meanwhile, since nothing will carry the order on.
   * Returns those of them this call settled.
   */
  public List<OrderItemRow> abandon(RunnableOrder order, List<OrderItemRow> items, String message) {
    return jdbi.inTransaction(
        h -> {
          List<OrderItemRow> settled = new java.util.ArrayList<>();
          for (OrderItemRow item : items) {
            if (failItem(h, order, item, message)) {
              settled.add(item);
            }
          }
          failOrder(h, order, failReason(items.get(0), message));
          return settled;
        });
  }

  /** Every item succeeded. */
  public void succeed(RunnableOrder order) {
    jdbi.useTransaction(
        h -> {
          if (!orders.finish(h, order.id(), OrderPhase.SUCCESSED, Optional.empty(), now())) {
            return;
          }
          orders.updateResultCount(h, order.id(), pools.nodes(h, order.poolId()));
          pools.succeeded(h, order.poolOrder());
          event(h, order, "order.successed", Map.of("phase", OrderPhase.SUCCESSED.wire()));
        });
  }

  /** The order fails for {@code reason}; its result is what its pool holds now. */
  public void fail(RunnableOrder order, String reason) {
    jdbi.useTransaction(h -> failOrder(h, order, reason));
  }

  private boolean failItem(Handle h, RunnableOrder order, OrderItemRow item, String message) {
    Optional<String> text = Optional.of(message);
    if (!orders.finishItem(h, order.id(), item.seq(), ItemStatus.FAILED, text, now())) {
      return false;
    }
    itemEvent(h, order, item, ItemStatus.FAILED, text);
    return true;
  }

  private void failOrder(Handle h, RunnableOrder order, String reason) {
    if (!orders.finish(h, order.id(), OrderPhase.FAILED, Optional.of(reason), now())) {
      return;
    }
    orders.updateResultCount(h, order.id(), pools.nodes(h, order.poolId()));
    pools.failed(h, order.poolOrder(), reason);
    event(
        h, order, "order.failed", Map.of("phase", OrderPhase.FAILED.wire(), "failReason", reason));
  }

  private static String failReason(OrderItemRow item, String message) {
    return "Failed to " + describe(item.action()) + " " + item.resourceName() + ": " + message;
  }

  private static String describe(ItemAction action) {
    return switch (action) {
      case CREATE_POOL -> "create pool";
      case CREATE_NODE -> "create node";
      case DELETE_NODE -> "delete node";
      case DELETE_POOL -> "delete pool";
    };
  }

  private void itemEvent(
      Handle h,
      RunnableOrder order,
      OrderItemRow item,
      ItemStatus status,
      Optional<String> message) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("seq", item.seq());
    payload.put("action", item.action().wire());
    payload.put("resourceName", item.resourceName());
    payload.put("status", status.wire());
    message.ifPresent(m -> payload.put("message", m));
    event(h, order, "item." + status.wire(), payload);
  }

  private void event(Handle h, RunnableOrder order, String kind, Map<String, Object> payload) {
    events.append(h, order.projectId(), order.orderName(), kind, payload, now());
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
