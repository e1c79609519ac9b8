package io.quartermaster.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quartermaster.event.StreamEvent;
import io.quartermaster.json.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One event as a CloudEvents 1.0 structured-mode JSON document: the envelope's attributes, and as
 * {@code data} the same JSON an event stream's client reads for that event.
 */
final class CloudEvent {

  static final String CONTENT_TYPE = "application/cloudevents+json";
  static final String TYPE_PREFIX = "io.quartermaster.";

  private CloudEvent() {}

  /**
   * The id is the project and the event's number in it: the same on every attempt and after a
   * restart, so a receiver can drop what it has already seen.
   */
  static String id(String projectId, long seq) {
    return projectId + ":" + seq;
  }

  static String body(String projectId, StreamEvent event) {
    Map<String, Object> envelope = new LinkedHashMap<>();
    envelope.put("specversion", "1.0");
    envelope.put("id", id(projectId, event.id()));
    envelope.put("source", "/quartermaster/" + projectId);
    envelope.put("type", TYPE_PREFIX + event.type());
    envelope.put("time", Instant.ofEpochMilli(event.time()).toString());
    envelope.put("subject", event.orderName());
    envelope.put("datacontenttype", "application/json");
    envelope.put("data", event);
    try {
      return Json.mapper().writeValueAsString(envelope);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an event is always serializable", e);
    }
  }
}
