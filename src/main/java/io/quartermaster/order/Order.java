package io.quartermaster.order;

import java.time.Instant;

/**
 * An order as ListOrders returns it (CONTRACT §2.1). Null fields are omitted from the JSON: {@code
 * initCount} for {@code apply}, {@code periodType} and {@code periodNum} for pay-per-use, {@code
 * failReason} unless the order failed, {@code createdBy} for an order whose placer is not recorded.
 *
 * @param createdBy who placed the order, by token or by access key (CONTRACT §5)
 */
record Order(
    long creationTimestamp,
    long beginTimestamp,
    long endTimestamp,
    String orderName,
    String orderId,
    String resourceName,
    String resourceDisplayName,
    String workspaceId,
    StoredFlavorCounts initCount,
    StoredFlavorCounts specCount,
    StoredFlavorCounts resultCount,
    String billingMode,
    String periodType,
    String periodNum,
    String operation,
    String phase,
    String failReason,
    CreatedBy createdBy) {

  /** The user behind the token or access key that placed an order. */
  public record CreatedBy(String userId, String userName) {}

  static Order of(OrderRow row) {
    boolean failed = row.phase() == OrderPhase.FAILED;
    boolean payPerUse = row.billingMode().equals(Billing.PAY_PER_USE);
    return new Order(
        row.createdAt().toEpochMilli(),
        millisOrZero(row.beginAt()),
        millisOrZero(row.endAt()),
        row.orderName(),
        row.orderId(),
        row.resourceName(),
        row.resourceDisplayName(),
        row.workspaceId(),
        row.operation() == OrderOperation.APPLY
            ? null
            : StoredFlavorCounts.ofNullable(row.initCountJson()),
        StoredFlavorCounts.ofNullable(row.specCountJson()),
        StoredFlavorCounts.ofNullable(row.resultCountJson()),
        row.billingMode(),
        payPerUse ? null : row.periodType(),
        payPerUse ? null : row.periodNum(),
        row.operation().wire(),
        row.phase().wire(),
        failed ? row.failReason() : null,
        row.createdByUserId() == null
            ? null
            : new CreatedBy(row.createdByUserId(), row.createdByUserName()));
  }

  private static long millisOrZero(Instant instant) {
    return instant == null ? 0 : instant.toEpochMilli();
  }
}
