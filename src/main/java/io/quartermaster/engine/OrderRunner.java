package io.quartermaster.engine;

import io.quartermaster.order.ItemStatus;
import io.quartermaster.order.OrderItemRow;
import io.quartermaster.order.OrderProgress;
import io.quartermaster.order.RunnableOrder;
import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * Carries one order through its items. Each item is marked {@code processing} in one transaction
 * before the provider is called and settled in another after, so a run that dies anywhere can be
 * resumed by running the order again: settled items are skipped, and an item caught in {@code
 * processing} is sent to the provider again with the same idempotency key.
 */
final class OrderRunner {

  private static final System.Logger LOG = System.getLogger(OrderRunner.class.getName());

  private final OrderProgress progress;
  private final Provider provider;
  private final EngineMeters meters;

  OrderRunner(OrderProgress progress, Provider provider, EngineMeters meters) {
    this.progress = progress;
    this.provider = provider;
    this.meters = meters;
  }

  /** Runs (or resumes) the order; does nothing for an order that is not processing. */
  void run(long orderId) throws Exception {
    Optional<RunnableOrder> found = progress.processing(orderId);
    if (found.isEmpty()) {
      return;
    }
    RunnableOrder order = found.get();
    progress.begin(order);
    for (OrderItemRow item : progress.items(order.id())) {
      switch (item.status()) {
        case SUCCEED -> {
          continue;
        }
        case FAILED -> {
          progress.fail(order, "Item " + item.resourceName() + " failed.");
          return;
        }
        case PLANNED -> progress.startItem(order, item);
        case PROCESSING -> {}
      }
      switch (provider.apply(request(order, item))) {
        case ProvisionOutcome.Succeeded ok -> {
          if (progress.itemSucceeded(order, item, ok.message())) {
            meters.itemSettled(item.action(), ItemStatus.SUCCEED);
          }
        }
        case ProvisionOutcome.Failed failed -> {
          if (progress.itemFailed(order, item, failed.message())) {
            meters.itemSettled(item.action(), ItemStatus.FAILED);
          }
          return;
        }
      }
    }
    progress.succeed(order);
  }

  /**
   * Ends an order whose run kept failing with an exception (a provider that could not answer): the
   * item it was on fails with the cause, and so does the order. The provider may have acted on that
   * item before the run died, so it is first told to undo what it did: a failed item leaves nothing
   * behind.
   */
  void giveUp(long orderId, String cause) {
    Optional<RunnableOrder> found = progress.processing(orderId);
    if (found.isEmpty()) {
      return;
    }
    RunnableOrder order = found.get();
    Optional<OrderItemRow> caught =
        progress.items(orderId).stream()
            .filter(item -> item.status() == ItemStatus.PROCESSING)
            .findFirst();
    if (caught.isEmpty()) {
      progress.fail(order, "The order could not be carried out: " + cause);
      return;
    }
    OrderItemRow item = caught.get();
    try {
      provider.abandon(request(order, item));
    } catch (Exception e) {
      // The order still fails: leaving it processing would block its pool for good.
      LOG.log(Level.ERROR, "could not undo " + item.resourceName() + " of " + orderId, e);
    }
    if (progress.abandon(order, item, "The provider could not carry it out: " + cause)) {
      meters.itemSettled(item.action(), ItemStatus.FAILED);
    }
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
}
