package io.quartermaster.order;

import java.util.Optional;

/**
 * What a pending order waits for before it is processed (CONTRACT §4): payment, an admin's
 * approval, or both. An order that awaits nothing is not pending.
 */
public record Awaiting(boolean payment, boolean approval) {

  public static final Awaiting NOTHING = new Awaiting(false, false);

  public boolean anything() {
    return payment || approval;
  }

  public Awaiting paid() {
    return new Awaiting(false, approval);
  }

  public Awaiting approved() {
    return new Awaiting(payment, false);
  }

  /** The pool's {@code status.message} while the order waits; empty when it waits for nothing. */
  public Optional<String> poolMessage(String orderName) {
    if (!anything()) {
      return Optional.empty();
    }
    return Optional.of("Order " + orderName + " is waiting for " + what() + ".");
  }

  /** {@code payment}, {@code approval} or {@code payment and approval}. */
  String what() {
    if (payment && approval) {
      return "payment and approval";
    }
    return payment ? "payment" : "approval";
  }
}
