package io.quartermaster.cli.event;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.cli.ClientJson;

/**
 * One event read off a {@code text/event-stream}: its {@code id:}, its {@code event:} and its
 * {@code data:} as the service sent it, and that data parsed.
 */
record StreamedEvent(String id, String type, String data, JsonNode json) {

  /** Whether this event is an order's last one (its stream ends after it). */
  boolean endsOrder() {
    return type.equals("order.successed") || type.equals("order.failed");
  }

  boolean failedOrder() {
    return type.equals("order.failed");
  }

  String text(String pointer) {
    return ClientJson.text(json, pointer).orElse("");
  }
}
