package io.quartermaster.engine;

import io.quartermaster.order.ItemSettlement;
import io.quartermaster.order.ItemStatus;
import io.quartermaster.order.OrderItemRow;
import io.quartermaster.order.OrderProgress;
import io.quartermaster.order.RunnableOrder;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Carries one order through its items. Each item is marked {@code processing} in one transaction
 * before the provider is called and settled in another after, so a run that dies anywhere can be
 * resumed by running the order again: settled items are skipped, and an item caught in {@code
 * processing} is sent to the provider again with the same idempotency key.
 *
 * <p>The items run in stages: a pool item ({@code createPool}, {@code deletePool}) alone, the node
 * items between them together, several at once ({@link ItemSlots}). So a pool exists before its
 * first node is created and is deleted only after its last node is gone.
 */
final class OrderRunner {

  private static final System.Logger LOG = System.getLogger(OrderRunner.class.getName());

  private final OrderProgress progress;
  private final Provider provider;
  private final EngineMeters meters;
  private final ItemSlots slots;

  OrderRunner(OrderProgress progress, Provider provider, EngineMeters meters, ItemSlots slots) {
    this.progress = progress;
    this.provider = provider;
    this.meters = meters;
    this.slots = slots;
  }

  /** Runs (or resumes) the order; does nothing for an order that is not processing. */
  void run(long orderId) throws Exception {
    Optional<RunnableOrder> found = progress.processing(orderId);
    if (found.isEmpty()) {
      return;
    }
    RunnableOrder order = found.get();
    progress.begin(order);
    for (List<OrderItemRow> stage : stages(progress.items(order.id()))) {
      Optional<OrderItemRow> failedBefore =
          stage.stream().filter(item -> item.status() == ItemStatus.FAILED).findFirst();
      Steps steps = new Steps(order);
      slots.run(stage, failedBefore.isPresent(), steps);
      if (steps.refused != null) {
        progress.failedBy(order, steps.refused.item(), steps.refused.message().orElseThrow());
        return;
      }
      if (failedBefore.isPresent()) {
        // An earlier run failed the item and died before failing the order.
        progress.fail(order, "Item " + failedBefore.get().resourceName() + " failed.");
        return;
      }
    }
    progress.succeed(order);
  }

  /** The steps of one stage of an order; remembers the first item the provider refused. */
  private final class Steps implements ItemSlots.Steps {
    private final RunnableOrder order;
    private ItemSettlement refused;

    Steps(RunnableOrder order) {
      this.order = order;
    }

    @Override
    public void step(List<ItemSettlement> settle, List<OrderItemRow> start) {
      for (ItemSettlement settled : progress.step(order, settle, start)) {
        meters.itemSettled(settled.item().action(), settled.status());
      }
      for (ItemSettlement s : settle) {
        if (!s.succeeded() && refused == null) {
          refused = s;
        }
      }
    }

    @Override
    public ItemSettlement call(OrderItemRow item) throws Exception {
      return switch (provider.apply(request(order, item))) {
        case ProvisionOutcome.Succeeded ok -> new ItemSettlement(item, true, ok.message());
        case ProvisionOutcome.Failed failed ->
            new ItemSettlement(item, false, Optional.of(failed.message()));
      };
    }
  }

  /** The items in stages: each pool item alone, each run of node items between them together. */
  static List<List<OrderItemRow>> stages(List<OrderItemRow> items) {
    List<List<OrderItemRow>> stages = new ArrayList<>();
    List<OrderItemRow> nodes = new ArrayList<>();
    for (OrderItemRow item : items) {
      if (item.action().changesNode()) {
        nodes.add(item);
        continue;
      }
      if (!nodes.isEmpty()) {
        stages.add(List.copyOf(nodes));
        nodes.clear();
      }
      stages.add(List.of(item));
    }
    if (!nodes.isEmpty()) {
      stages.add(List.copyOf(nodes));
    }
    return stages;
  }

  /**
   * Ends an order whose run kept failing with an exception (a provider that could not answer): the
   * items it had in flight fail with the cause, and so does the order. The provider may have acted
   * on them before the run died, so it is first told to undo what it did: a failed item leaves
   * nothing behind.
   */
  void giveUp(long orderId, String cause) {
    Optional<RunnableOrder> found = progress.processing(orderId);
    if (found.isEmpty()) {
      return;
    }
    RunnableOrder order = found.get();
    List<OrderItemRow> caught =
        progress.items(orderId).stream()
            .filter(item -> item.status() == ItemStatus.PROCESSING)
            .toList();
    if (caught.isEmpty()) {
      progress.fail(order, "The order could not be carried out: " + cause);
      return;
    }
    for (OrderItemRow item : caught) {
      try {
        provider.abandon(request(order, item));
      } catch (Exception e) {
        // The order still fails: leaving it processing would block its pool for good.
        LOG.log(Level.ERROR, "could not undo " + item.resourceName() + " of " + orderId, e);
      }
    }
    String message = "The provider could not carry it out: " + cause;
    for (OrderItemRow settled : progress.abandon(order, caught, message)) {
      meters.itemSettled(settled.action(), ItemStatus.FAILED);
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
