package io.quartermaster.order;

import java.time.Instant;

/**
 * One row of {@code orders}, as stored. The counts are the stored JSON text; nullable columns are
 * null here and become omitted fields in {@link Order}.
 *
 * @param id the surrogate key that {@code order_items} reference
 */
record OrderRow(
    long id,
    String orderName,
    String orderId,
    String resourceName,
    String resourceDisplayName,
    String workspaceId,
    OrderOperation operation,
    OrderPhase phase,
    String billingMode,
    String periodType,
    String periodNum,
    String initCountJson,
    String specCountJson,
    String resultCountJson,
    String failReason,
    String createdByUserId,
    String createdByUserName,
    Instant createdAt,
    Instant beginAt,
    Instant endAt) {}
