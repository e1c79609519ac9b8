package io.quartermaster.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.error.BadRequestException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The body of a subscription's creation, validated: {@code url} (required), {@code secret} (16 to
 * 256 printable ASCII characters; generated when absent), {@code event_types} and {@code pool}.
 *
 * @param secret empty when the service is to generate one
 * @param eventTypes the kinds to send, without duplicates; empty sends every kind
 */
record NewSubscription(
    String url, Optional<String> secret, List<String> eventTypes, Optional<String> pool) {

  static final int MAX_URL_LENGTH = 2048;
  static final int MIN_SECRET_LENGTH = 16;
  static final int MAX_SECRET_LENGTH = 256;
  static final int MAX_POOL_LENGTH = 64;
  private static final Set<String> FIELDS = Set.of("url", "secret", "event_types", "pool");

  NewSubscription {
    eventTypes = List.copyOf(eventTypes);
  }

  static NewSubscription parse(JsonNode body) {
    body.fieldNames()
        .forEachRemaining(
            field -> {
              if (!FIELDS.contains(field)) {
                throw BadRequestException.because(
                    field + " is not a field of a subscription (url, secret, event_types, pool)");
              }
            });
    return new NewSubscription(url(body), secret(body), eventTypes(body), pool(body));
  }

  private static String url(JsonNode body) {
    JsonNode url = body.get("url");
    if (url == null || !url.isTextual() || url.asText().isBlank()) {
      throw BadRequestException.because("url is required: the http(s) URL to deliver events to");
    }
    String text = url.asText().strip();
    if (text.length() > MAX_URL_LENGTH) {
      throw BadRequestException.because("url must be at most " + MAX_URL_LENGTH + " characters");
    }
    return text;
  }

  private static Optional<String> secret(JsonNode body) {
    JsonNode secret = body.get("secret");
    if (secret == null || secret.isNull()) {
      return Optional.empty();
    }
    String reason =
        "secret must be "
            + MIN_SECRET_LENGTH
            + " to "
            + MAX_SECRET_LENGTH
            + " printable ASCII characters";
    if (!secret.isTextual()) {
      throw BadRequestException.because(reason);
    }
    String text = secret.asText();
    boolean printable = text.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    if (!printable || text.length() < MIN_SECRET_LENGTH || text.length() > MAX_SECRET_LENGTH) {
      throw BadRequestException.because(reason);
    }
    return Optional.of(text);
  }

  private static List<String> eventTypes(JsonNode body) {
    JsonNode types = body.get("event_types");
    if (types == null || types.isNull()) {
      return List.of();
    }
    if (!types.isArray()) {
      throw BadRequestException.because("event_types must be an array of event types");
    }
    Set<String> kinds = new LinkedHashSet<>();
    for (JsonNode type : types) {
      String kind = type.isTextual() ? EventTypes.kind(type.asText()) : null;
      if (kind == null) {
        throw BadRequestException.because(
            "event_types holds "
                + type
                + ", which is not one of "
                + String.join(", ", EventTypes.KINDS));
      }
      kinds.add(kind);
    }
    return new ArrayList<>(kinds);
  }

  private static Optional<String> pool(JsonNode body) {
    JsonNode pool = body.get("pool");
    if (pool == null || pool.isNull()) {
      return Optional.empty();
    }
    if (!pool.isTextual() || pool.asText().isBlank() || pool.asText().length() > MAX_POOL_LENGTH) {
      throw BadRequestException.because(
          "pool must be a pool's display name or metadata.name, at most "
              + MAX_POOL_LENGTH
              + " characters");
    }
    return Optional.of(pool.asText());
  }
}
