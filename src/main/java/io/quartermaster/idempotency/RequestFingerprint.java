package io.quartermaster.idempotency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quartermaster.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What "the same request" means for an idempotency key: the method, the path and the body, the body
 * as canonical JSON (object keys sorted, no whitespace), so that a client that serializes its retry
 * in another key order or layout is not told it sent something else. A body that is not JSON is
 * taken byte for byte.
 */
final class RequestFingerprint {

  private RequestFingerprint() {}

  /** Hex SHA-256 of the method, path and canonical body. */
  static String of(String method, String path, byte[] body) {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    sha256.update(method.getBytes(StandardCharsets.UTF_8));
    sha256.update((byte) '\n');
    sha256.update(path.getBytes(StandardCharsets.UTF_8));
    sha256.update((byte) '\n');
    sha256.update(canonical(body));
    return HexFormat.of().formatHex(sha256.digest());
  }

  /** The body as canonical JSON, or as it is when it is empty or not JSON. */
  static byte[] canonical(byte[] body) {
    if (body.length == 0) {
      return body;
    }
    try {
      // The mapper the handlers parse bodies with, so that two bodies the handler reads alike
      // (duplicate keys, trailing content) have one fingerprint.
      JsonNode tree = Json.mapper().readTree(body);
      return tree == null ? body : Json.mapper().writeValueAsBytes(sorted(tree));
    } catch (IOException e) {
      return body;
    }
  }

  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      names.sort(null);
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      for (String name : names) {
        copy.set(name, sorted(node.get(name)));
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(element -> copy.add(sorted(element)));
      return copy;
    }
    return node;
  }
}
