package io.quartermaster.identity;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.error.BadRequestException;
import java.util.Optional;

/**
 * Typed reads from a request body; a wrong type is a 400 naming the field by its full path, such as
 * {@code auth.identity.password.user.name}. A JSON {@code null} counts as absent.
 */
final class JsonFields {

  private JsonFields() {}

  static Optional<JsonNode> object(JsonNode parent, String field, String path) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isObject()) {
      throw BadRequestException.because(path + " must be an object");
    }
    return Optional.of(node);
  }

  static JsonNode requiredObject(JsonNode parent, String field, String path) {
    return object(parent, field, path)
        .orElseThrow(() -> BadRequestException.because(path + " is required"));
  }

  static Optional<String> string(JsonNode parent, String field, String path) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isTextual()) {
      throw BadRequestException.because(path + " must be a string");
    }
    return Optional.of(node.textValue());
  }

  static String requiredString(JsonNode parent, String field, String path) {
    return string(parent, field, path)
        .orElseThrow(() -> BadRequestException.because(path + " is required"));
  }

  static Optional<Boolean> bool(JsonNode parent, String field, String path) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isBoolean()) {
      throw BadRequestException.because(path + " must be true or false");
    }
    return Optional.of(node.booleanValue());
  }

  /** There is one domain; naming another one is refused rather than silently ignored. */
  static void requireDefaultDomain(JsonNode entity, String path) {
    Optional<String> domain = string(entity, "domain_id", path);
    if (domain.isPresent() && !domain.get().equals(PasswordLogin.DOMAIN)) {
      throw BadRequestException.because(path + " must be \"default\", the only domain");
    }
  }
}
