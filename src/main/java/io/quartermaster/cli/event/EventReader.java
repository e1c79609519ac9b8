package io.quartermaster.cli.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.cli.ClientJson;
import java.util.Optional;

/**
 * Reads {@code text/event-stream} lines into events: {@code id:}, {@code event:} and {@code data:}
 * fields gather until the blank line that ends an event; comments (the service's heartbeats) and
 * unknown fields are skipped, as the format asks.
 */
final class EventReader {

  private String id;
  private String type = "message";
  private final StringBuilder data = new StringBuilder();

  /** Takes one line; answers the event it completes, if it ends one that carries data. */
  Optional<StreamedEvent> line(String line) {
    if (line.isEmpty()) {
      return complete();
    }
    if (line.startsWith(":")) {
      return Optional.empty();
    }
    int colon = line.indexOf(':');
    String field = colon < 0 ? line : line.substring(0, colon);
    String value = colon < 0 ? "" : line.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    switch (field) {
      case "id" -> id = value;
      case "event" -> type = value;
      case "data" -> {
        if (!data.isEmpty()) {
          data.append('\n');
        }
        data.append(value);
      }
      default -> {}
    }
    return Optional.empty();
  }

  private Optional<StreamedEvent> complete() {
    if (data.isEmpty()) {
      type = "message";
      return Optional.empty();
    }
    String text = data.toString();
    JsonNode json = parse(text);
    StreamedEvent event = new StreamedEvent(id, type, text, json);
    data.setLength(0);
    type = "message";
    return Optional.of(event);
  }

  /** The data as JSON; an object without fields when it is not JSON, so that it prints as sent. */
  private static JsonNode parse(String text) {
    try {
      return ClientJson.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      return ClientJson.object();
    }
  }
}
