package io.quartermaster.order;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

  /**
   * One step of an order's items, in one transaction: the items the provider answered are settled
   * (a success recorded on the pool and in the order's result, a failure with its message), and the
   * items in {@code start} are marked {@code processing}, before the provider is called for them.
   * Settling and starting together halves the transactions an order takes, and each commit is what
   * the engine waits for. An item that failed does not fail the order: the engine does that once
   * the items still in flight have settled ({@link #failedBy}), so that the order's final event
   * comes after theirs. Returns the settlements this call made (not those made already).
   */
  public List<ItemSettlement> step(
      RunnableOrder order, List<ItemSettlement> settle, List<OrderItemRow> start) {
    return jdbi.inTransaction(
        h -> {
          Instant now = now();
          List<ItemSettlement> settled = new ArrayList<>();
          if (!settle.isEmpty()) {
            // The order's row lock makes each recount of the pool's nodes see every item settled
            // before it, whoever settled it, so no result is lost.
            orders.lockForSettling(h, order.id());
            Set<Integer> finished = new HashSet<>(orders.finishItems(h, order.id(), settle, now));
            settle.stream().filter(s -> finished.contains(s.item().seq())).forEach(settled::add);
            List<PlannedItem> done =
                settled.stream()
                    .filter(ItemSettlement::succeeded)
                    .map(s -> s.item().planned())
                    .toList();
            if (!done.isEmpty()) {
              pools.itemsSucceeded(h, order.poolOrder(), done, now);
              orders.updateResultCount(h, order.id(), pools.nodes(h, order.poolId()));
            }
          }
          List<OrderEventLog.Event> appended = new ArrayList<>();
          for (ItemSettlement s : settled) {
            appended.add(itemEvent(s.item(), s.status(), s.message()));
          }
          if (!start.isEmpty()) {
            Set<Integer> started =
                new HashSet<>(
                    orders.startItems(
                        h, order.id(), start.stream().map(OrderItemRow::seq).toList(), now));
            for (OrderItemRow item : start) {
              if (started.contains(item.seq())) {
                appended.add(itemEvent(item, ItemStatus.PROCESSING, Optional.empty()));
              }
            }
          }
          events.appendAll(h, order.projectId(), order.orderName(), appended, now);
          return settled;
        });
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
          List<OrderItemRow> settled = new ArrayList<>();
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
    OrderEventLog.Event event = itemEvent(item, status, message);
    event(h, order, event.kind(), event.payload());
  }

  private static OrderEventLog.Event itemEvent(
      OrderItemRow item, ItemStatus status, Optional<String> message) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("seq", item.seq());
    payload.put("action", item.action().wire());
    payload.put("resourceName", item.resourceName());
    payload.put("status", status.wire());
    message.ifPresent(m -> payload.put("message", m));
    return new OrderEventLog.Event("item." + status.wire(), payload);
  }

  private void event(Handle h, RunnableOrder order, String kind, Map<String, Object> payload) {
    events.append(h, order.projectId(), order.orderName(), kind, payload, now());
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
