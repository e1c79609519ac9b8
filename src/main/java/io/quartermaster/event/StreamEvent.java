package io.quartermaster.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * The {@code data:} of one event on a stream: enough to draw an order's progress bar and its items'
 * timeline without another request. Fields with no value are omitted.
 *
 * @param id the event's number in its project, also sent as the SSE {@code id:}
 * @param type the change, also sent as the SSE {@code event:} ({@code order.placed}, {@code
 *     item.succeed}, ...)
 * @param time when the change happened, ms since the epoch
 * @param phase the order's phase as of this event
 * @param progress the order's items as of this event
 * @param item the item that changed, for {@code item.*} events
 * @param detail what else the change recorded ({@code failReason}, {@code by}, {@code reason},
 *     {@code awaitingPayment}, ...), omitted when nothing
 */
public record StreamEvent(
    long id,
    String type,
    long time,
    String orderName,
    String orderId,
    String operation,
    String phase,
    String resourceName,
    String resourceDisplayName,
    String workspaceId,
    long creationTimestamp,
    Progress progress,
    JsonNode item,
    JsonNode detail) {

  /** How many items the order has, how many have settled (succeeded or failed), how many failed. */
  public record Progress(int total, int settled, int failed) {}

  // Payload fields that the event's top-level fields already carry.
  private static final Set<String> SHOWN = Set.of("phase", "orderId", "operation", "resourceName");

  static StreamEvent of(EventRow row) {
    boolean itemEvent = row.kind().startsWith("item.");
    JsonNode detail = null;
    if (!itemEvent && row.payload() instanceof ObjectNode payload) {
      ObjectNode rest = payload.deepCopy();
      rest.remove(SHOWN);
      detail = rest.isEmpty() ? null : rest;
    }
    return new StreamEvent(
        row.seq(),
        row.kind(),
        row.at().toEpochMilli(),
        row.orderName(),
        row.orderId(),
        row.operation(),
        row.phase(),
        row.resourceName(),
        row.resourceDisplayName(),
        row.workspaceId(),
        row.orderCreatedAt().toEpochMilli(),
        new Progress(row.totalItems(), row.settledItems(), row.failedItems()),
        itemEvent ? row.payload() : null,
        detail);
  }
}
