package io.quartermaster.order;

import java.time.Instant;

/** One row of {@code order_items}: a single resource change of an order. */
record OrderItemRow(
    long orderId,
    int seq,
    String action,
    String resourceName,
    String status,
    String message,
    Instant beginAt,
    Instant updatedAt) {}
