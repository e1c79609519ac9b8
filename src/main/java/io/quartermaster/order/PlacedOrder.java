package io.quartermaster.order;

import java.util.Optional;

/** What placing an order produced: its names and what it waits for, if anything. */
public record PlacedOrder(long id, String orderName, String orderId, Awaiting awaiting) {

  /** Whether the order waits ({@code pending}) instead of being processed at once. */
  public boolean pending() {
    return awaiting.anything();
  }

  /** The pool's {@code status.message} while the order waits. */
  public Optional<String> waitingMessage() {
    return awaiting.poolMessage(orderName);
  }
}
