package io.quartermaster.order;

import java.time.Instant;

/**
 * One row of {@code order_items} as ShowOrder reads it: the progress of a resource change, with its
 * message and timestamps (null until set).
 */
record OrderItemProgressRow(
    int seq,
    ItemAction action,
    String resourceName,
    ItemStatus status,
    String message,
    Instant beginAt,
    Instant updatedAt) {}
