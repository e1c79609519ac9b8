package io.quartermaster.order;

import java.util.Optional;

/**
 * What the provider made of an item, for the engine to record: it succeeded, or it failed with a
 * message for the order's user.
 */
public record ItemSettlement(OrderItemRow item, boolean succeeded, Optional<String> message) {

  public ItemSettlement {
    if (!succeeded && message.isEmpty()) {
      throw new IllegalArgumentException("a failed item needs a message");
    }
  }

  public ItemStatus status() {
    return succeeded ? ItemStatus.SUCCEED : ItemStatus.FAILED;
  }
}
