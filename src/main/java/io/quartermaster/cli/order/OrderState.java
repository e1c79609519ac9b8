package io.quartermaster.cli.order;

import java.util.List;
import java.util.Optional;

/**
 * An order as a watch shows it at one moment: its phase, the items that have begun, and why it
 * waits when it is pending (the pool's status message).
 */
public record OrderState(OrderSummary order, List<OrderItem> items, Optional<String> note) {

  public OrderState {
    items = List.copyOf(items);
  }

  public int settled() {
    return (int) items.stream().filter(OrderItem::settled).count();
  }

  /** Items the order runs in all; never fewer than have begun. */
  public int total() {
    return Math.max(order.plannedItems(), items.size());
  }

  public boolean finished() {
    return order.finished();
  }

  public boolean succeeded() {
    return order.phase().equals("successed");
  }
}
