package io.quartermaster.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * The client's JSON: a plain mapper of its own (the client shares no wiring with the server), and
 * small readers for the service's answers that treat a missing field as absent.
 */
public final class ClientJson {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private ClientJson() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** The text at {@code pointer} (e.g. {@code /metadata/name}), or empty. */
  public static Optional<String> text(JsonNode node, String pointer) {
    JsonNode value = node.at(pointer);
    return value.isMissingNode() || value.isNull() ? Optional.empty() : Optional.of(value.asText());
  }

  /** The text at {@code pointer}, or {@code ""}. */
  public static String textOrEmpty(JsonNode node, String pointer) {
    return text(node, pointer).orElse("");
  }

  public static long number(JsonNode node, String pointer) {
    return node.at(pointer).asLong(0);
  }
}
