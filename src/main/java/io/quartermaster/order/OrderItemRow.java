package io.quartermaster.order;

import java.util.Optional;

/** A row of {@code order_items}, as the engine works through it. */
public record OrderItemRow(
    int seq,
    ItemAction action,
    String resourceName,
    Optional<String> flavor,
    Optional<String> az,
    String status) {

  public static final String PLANNED = "planned";
  public static final String PROCESSING = "processing";
  public static final String SUCCEED = "succeed";
  public static final String FAILED = "failed";
}
