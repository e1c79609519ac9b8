package io.quartermaster.order;

/**
 * Where an order item stands (CONTRACT §2.2); {@link #wire()} is the API and SQL form. Planned
 * items are the engine's to-do list and are not shown by ShowOrder.
 */
public enum ItemStatus {
  PLANNED("planned"),
  PROCESSING("processing"),
  SUCCEED("succeed"),
  FAILED("failed");

  private final String wire;

  ItemStatus(String wire) {
    this.wire = wire;
  }

  /** The value written in responses and events and stored in {@code order_items.status}. */
  public String wire() {
    return wire;
  }

  public static ItemStatus fromWire(String value) {
    for (ItemStatus status : values()) {
      if (status.wire.equals(value)) {
        return status;
      }
    }
    throw new IllegalArgumentException("unknown item status " + value);
  }
}
