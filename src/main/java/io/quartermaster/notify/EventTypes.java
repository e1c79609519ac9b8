package io.quartermaster.notify;

import java.util.List;

/**
 * The kinds of event the log records, which a subscription's {@code event_types} may name. Each is
 * sent with the CloudEvents type {@code io.quartermaster.{kind}}; a filter may use either spelling.
 */
final class EventTypes {

  static final List<String> KINDS =
      List.of(
          "order.placed",
          "order.paid",
          "order.approved",
          "order.rejected",
          "order.cancelled",
          "order.expired",
          "order.processing",
          "order.successed",
          "order.failed",
          "item.processing",
          "item.succeed",
          "item.failed");

  private EventTypes() {}

  /** The kind a filter entry names, or null when it names none. */
  static String kind(String filterEntry) {
    String kind =
        filterEntry.startsWith(CloudEvent.TYPE_PREFIX)
            ? filterEntry.substring(CloudEvent.TYPE_PREFIX.length())
            : filterEntry;
    return KINDS.contains(kind) ? kind : null;
  }
}
