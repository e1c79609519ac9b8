package io.quartermaster.order;

import java.util.Locale;

/** What an order does to its pool; {@link #wire()} is the contract's {@code operation}. */
public enum OrderOperation {
  APPLY,
  MODIFY,
  DELETE;

  /** The value written in responses and events and stored in {@code orders.operation}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static OrderOperation fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
