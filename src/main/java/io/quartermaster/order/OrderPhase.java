package io.quartermaster.order;

import java.util.Optional;

/**
 * Where an order stands in its lifecycle (CONTRACT §4); {@link #wire()} is the API and SQL form.
 */
public enum OrderPhase {
  PENDING("pending"),
  PROCESSING("processing"),
  SUCCESSED("successed"),
  FAILED("failed");

  private final String wire;

  OrderPhase(String wire) {
    this.wire = wire;
  }

  /** The value written in responses and stored in {@code orders.phase}. */
  public String wire() {
    return wire;
  }

  public static OrderPhase fromWire(String value) {
    for (OrderPhase phase : values()) {
      if (phase.wire.equals(value)) {
        return phase;
      }
    }
    throw new IllegalArgumentException("unknown order phase " + value);
  }

  /**
   * The phase a ListOrders filter value selects. {@code running} is the vendor filter table's name
   * for what the Order table calls {@code processing}; both are accepted (CONTRACT §2.1).
   */
  static Optional<OrderPhase> fromFilter(String value) {
    if (value.equals("running")) {
      return Optional.of(PROCESSING);
    }
    for (OrderPhase phase : values()) {
      if (phase.wire.equals(value)) {
        return Optional.of(phase);
      }
    }
    return Optional.empty();
  }
}
