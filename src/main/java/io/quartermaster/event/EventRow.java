package io.quartermaster.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One row of {@code order_events}, joined with what a stream's client needs to draw the order
 * without another request: the order's names and operation, its phase as of this event, and how
 * many of its items had settled by then.
 *
 * @param seq the event's number in its project
 * @param payload the stored payload, as the writer recorded it
 * @param phase the order's phase as of this event: that of the latest event of the order up to this
 *     one that recorded a phase
 * @param settledItems items of the order that succeeded or failed up to this event
 */
record EventRow(
    long seq,
    String orderName,
    String kind,
    JsonNode payload,
    Instant at,
    String orderId,
    String operation,
    String resourceName,
    String resourceDisplayName,
    String workspaceId,
    Instant orderCreatedAt,
    int totalItems,
    int settledItems,
    int failedItems,
    String phase) {

  /** An order's stream ends with the event that ends the order. */
  boolean endsOrder() {
    return kind.equals("order.successed") || kind.equals("order.failed");
  }
}
