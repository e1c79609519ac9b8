package io.quartermaster.engine.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.engine.ProvisionOutcome;
import io.quartermaster.json.Json;
import java.io.IOException;
import java.util.Optional;

/** What one answer of the endpoint means for the item it was about. */
sealed interface WebhookAnswer {

  /** Messages that reach orders and pools are cut here; the endpoint is not ours to trust. */
  int MAX_MESSAGE_LENGTH = 1000;

  /** The endpoint decided: the item succeeded or failed. */
  record Settled(ProvisionOutcome outcome) implements WebhookAnswer {}

  /** Worth asking again: the endpoint was busy, down or slow. */
  record Retry(String reason, Optional<String> retryAfter) implements WebhookAnswer {}

  /** An answer that decides nothing and that asking again at once will not improve. */
  record Unusable(String reason) implements WebhookAnswer {}

  static WebhookAnswer of(int status, Optional<String> retryAfter, byte[] body) {
    if (status >= 200 && status < 300) {
      return settled(status, body);
    }
    if (status == 429 || status == 503) {
      // The two answers for which a server may say when to come back (RFC 9110 §10.2.3).
      return new Retry("HTTP " + status, retryAfter);
    }
    if (status == 408 || status >= 500) {
      return new Retry("HTTP " + status, Optional.empty());
    }
    if (status >= 400) {
      String refused = "Provider refused the request with HTTP " + status;
      return new Settled(
          ProvisionOutcome.failed(message(body).map(m -> refused + ": " + m).orElse(refused)));
    }
    return new Unusable("webhook answered HTTP " + status + ", which is neither 2xx nor 4xx/5xx");
  }

  private static WebhookAnswer settled(int status, byte[] body) {
    JsonNode json = parse(body);
    String verdict = json == null ? null : json.path("status").asText(null);
    Optional<String> message = json == null ? Optional.empty() : message(json);
    if ("succeeded".equals(verdict)) {
      return new Settled(new ProvisionOutcome.Succeeded(message));
    }
    if ("failed".equals(verdict)) {
      return new Settled(
          ProvisionOutcome.failed(
              message.orElse("Provider reported a failure without a message.")));
    }
    return new Unusable(
        "webhook answered HTTP "
            + status
            + " without a JSON body whose status is succeeded or failed");
  }

  private static Optional<String> message(byte[] body) {
    JsonNode json = parse(body);
    return json == null ? Optional.empty() : message(json);
  }

  private static Optional<String> message(JsonNode json) {
    JsonNode message = json.path("message");
    if (!message.isTextual() || message.asText().isBlank()) {
      return Optional.empty();
    }
    String text = message.asText().strip();
    return Optional.of(
        text.length() > MAX_MESSAGE_LENGTH ? text.substring(0, MAX_MESSAGE_LENGTH) + "…" : text);
  }

  private static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      return null;
    }
    try {
      JsonNode json = Json.mapper().readTree(body);
      return json != null && json.isObject() ? json : null;
    } catch (IOException e) {
      return null;
    }
  }
}
