package io.quartermaster.engine;

import io.quartermaster.order.ItemAction;
import io.quartermaster.order.OrderEventLog;
import io.quartermaster.order.OrderItemRow;
import io.quartermaster.order.OrderLifecycleDao;
import io.quartermaster.order.RunnableOrder;
import io.quartermaster.pool.NodeDao;
import io.quartermaster.pool.PoolDao;
import io.quartermaster.pool.PoolPhase;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Carries one order through its items. Each item is marked {@code processing} in one transaction
 * before the provider is called and settled in another after, so a run that dies anywhere can be
 * resumed by running the order again: settled items are skipped, and an item caught in {@code
 * processing} is sent to the provider again with the same idempotency key.
 */
final class OrderRunner {

  private static final System.Logger LOG = System.getLogger(OrderRunner.class.getName());

  private final Jdbi jdbi;
  private final OrderLifecycleDao orders;
  private final OrderEventLog events;
  private final PoolDao pools;
  private final NodeDao nodes;
  private final Provider provider;
  private final EngineMeters meters;
  private final Clock clock;

  OrderRunner(
      Jdbi jdbi,
      OrderLifecycleDao orders,
      OrderEventLog events,
      PoolDao pools,
      NodeDao nodes,
      Provider provider,
      EngineMeters meters,
      Clock clock) {
    this.jdbi = jdbi;
    this.orders = orders;
    this.events = events;
    this.pools = pools;
    this.nodes = nodes;
    this.provider = provider;
    this.meters = meters;
    this.clock = clock;
  }

  /** Runs (or resumes) the order; does nothing for an order that is not processing. */
  void run(long orderId) throws Exception {
    Optional<RunnableOrder> found = jdbi.withHandle(h -> orders.findRunnable(h, orderId));
    if (found.isEmpty() || !RunnableOrder.PROCESSING.equals(found.get().phase())) {
      return;
    }
    RunnableOrder order = found.get();
    jdbi.useTransaction(
        h -> {
          if (orders.markBegun(h, order.id(), now())) {
            event(h, order, "order.processing", Map.of("phase", RunnableOrder.PROCESSING));
          }
        });
    for (OrderItemRow item : jdbi.withHandle(h -> orders.items(h, order.id()))) {
      if (OrderItemRow.SUCCEED.equals(item.status())) {
        continue;
      }
      if (OrderItemRow.FAILED.equals(item.status())) {
        jdbi.useTransaction(h -> failOrder(h, order, "Item " + item.resourceName() + " failed."));
        return;
      }
      if (OrderItemRow.PLANNED.equals(item.status())) {
        jdbi.useTransaction(
            h -> {
              if (orders.startItem(h, order.id(), item.seq(), now())) {
                itemEvent(h, order, item, OrderItemRow.PROCESSING, Optional.empty());
              }
            });
      }
      ProvisionOutcome outcome = provider.apply(request(order, item));
      boolean succeeded = jdbi.inTransaction(h -> settle(h, order, item, outcome));
      if (!succeeded) {
        return;
      }
    }
    jdbi.useTransaction(h -> succeedOrder(h, order));
  }

  /**
   * Ends an order whose run kept failing with an exception (a provider that could not answer): the
   * item it was on fails with the cause, and so does the order. The provider may have acted on that
   * item before the run died, so it is first told to undo what it did: a failed item leaves nothing
   * behind.
   */
  void giveUp(long orderId, String cause) {
    Optional<RunnableOrder> found = jdbi.withHandle(h -> orders.findRunnable(h, orderId));
    if (found.isEmpty() || !RunnableOrder.PROCESSING.equals(found.get().phase())) {
      return;
    }
    RunnableOrder order = found.get();
    Optional<OrderItemRow> caught =
        jdbi.withHandle(h -> orders.items(h, orderId)).stream()
            .filter(item -> OrderItemRow.PROCESSING.equals(item.status()))
            .findFirst();
    if (caught.isPresent()) {
      try {
        provider.abandon(request(order, caught.get()));
      } catch (Exception e) {
        // The order still fails: leaving it processing would block its pool for good.
        LOG.log(Level.ERROR, "could not undo " + caught.get().resourceName() + " of " + orderId, e);
      }
    }
    jdbi.useTransaction(
        h -> {
          if (caught.isPresent()) {
            OrderItemRow item = caught.get();
            String message = "The provider could not carry it out: " + cause;
            if (orders.finishItem(
                h, orderId, item.seq(), OrderItemRow.FAILED, Optional.of(message), now())) {
              itemEvent(h, order, item, OrderItemRow.FAILED, Optional.of(message));
              meters.itemSettled(item.action(), OrderItemRow.FAILED);
            }
            failOrder(h, order, failReason(item, message));
            return;
          }
          failOrder(h, order, "The order could not be carried out: " + cause);
        });
  }

  private boolean settle(
      Handle h, RunnableOrder order, OrderItemRow item, ProvisionOutcome outcome) {
    Instant now = now();
    return switch (outcome) {
      case ProvisionOutcome.Succeeded ok -> {
        if (orders.finishItem(h, order.id(), item.seq(), OrderItemRow.SUCCEED, ok.message(), now)) {
          applyEffect(h, order, item, now);
          orders.updateResultCount(h, order.id(), nodes.counts(h, order.poolId()));
          itemEvent(h, order, item, OrderItemRow.SUCCEED, ok.message());
          meters.itemSettled(item.action(), OrderItemRow.SUCCEED);
        }
        yield true;
      }
      case ProvisionOutcome.Failed failed -> {
        if (orders.finishItem(
            h, order.id(), item.seq(), OrderItemRow.FAILED, Optional.of(failed.message()), now)) {
          itemEvent(h, order, item, OrderItemRow.FAILED, Optional.of(failed.message()));
          meters.itemSettled(item.action(), OrderItemRow.FAILED);
          failOrder(h, order, failReason(item, failed.message()));
        }
        yield false;
      }
    };
  }

  private void applyEffect(Handle h, RunnableOrder order, OrderItemRow item, Instant now) {
    switch (item.action()) {
      case createNode ->
          nodes.insert(
              h,
              order.poolId(),
              item.resourceName(),
              item.flavor().orElseThrow(),
              item.az().orElseThrow(),
              now);
      case deleteNode -> nodes.delete(h, order.poolId(), item.resourceName());
      case deletePool -> pools.markDeleted(h, order.poolId(), now);
      case createPool -> {}
    }
  }

  private void succeedOrder(Handle h, RunnableOrder order) {
    if (!orders.finish(h, order.id(), RunnableOrder.SUCCESSED, Optional.empty(), now())) {
      return;
    }
    orders.updateResultCount(h, order.id(), nodes.counts(h, order.poolId()));
    if (order.operation() != io.quartermaster.order.OrderOperation.DELETE) {
      pools.setPhase(h, order.poolId(), PoolPhase.Running, Optional.empty());
    }
    event(h, order, "order.successed", Map.of("phase", RunnableOrder.SUCCESSED));
  }

  private void failOrder(Handle h, RunnableOrder order, String reason) {
    if (!orders.finish(h, order.id(), RunnableOrder.FAILED, Optional.of(reason), now())) {
      return;
    }
    orders.updateResultCount(h, order.id(), nodes.counts(h, order.poolId()));
    PoolPhase phase =
        switch (order.operation()) {
          case APPLY -> PoolPhase.CreationFailed;
          case MODIFY -> PoolPhase.ScalingFailed;
          case DELETE -> PoolPhase.Error;
        };
    pools.setPhase(h, order.poolId(), phase, Optional.of(reason));
    event(h, order, "order.failed", Map.of("phase", RunnableOrder.FAILED, "failReason", reason));
  }

  private static String failReason(OrderItemRow item, String message) {
    return "Failed to " + describe(item.action()) + " " + item.resourceName() + ": " + message;
  }

  private static String describe(ItemAction action) {
    return switch (action) {
      case createPool -> "create pool";
      case createNode -> "create node";
      case deleteNode -> "delete node";
      case deletePool -> "delete pool";
    };
  }

  private static ProvisionRequest request(RunnableOrder order, OrderItemRow item) {
    return new ProvisionRequest(
        order.orderId() + "-" + item.seq(),
        item.action(),
        order.projectId(),
        order.resourceName(),
        item.resourceName(),
        item.flavor(),
        item.az());
  }

  private void itemEvent(
      Handle h, RunnableOrder order, OrderItemRow item, String status, Optional<String> message) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("seq", item.seq());
    payload.put("action", item.action().name());
    payload.put("resourceName", item.resourceName());
    payload.put("status", status);
    message.ifPresent(m -> payload.put("message", m));
    event(h, order, "item." + status, payload);
  }

  private void event(Handle h, RunnableOrder order, String kind, Map<String, Object> payload) {
    events.append(h, order.projectId(), order.orderName(), kind, payload, now());
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
