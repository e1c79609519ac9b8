package io.quartermaster.order;

import java.util.Optional;

/** A row of {@code order_items}, as the engine works through it. */
public record OrderItemRow(
    int seq,
    ItemAction action,
    String resourceName,
    Optional<String> flavor,
    Optional<String> az,
    ItemStatus status) {

  /** The resource change this item carries out. */
  public PlannedItem planned() {
    return new PlannedItem(action, resourceName, flavor, az);
  }
}
