package io.quartermaster.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON Merge Patch (RFC 7386) applied to a Jackson tree: objects merge, null removes. */
final class MergePatch {

  private MergePatch() {}

  /** Applies {@code patch} to {@code target} in place. */
  static void apply(ObjectNode target, JsonNode patch) {
    patch
        .properties()
        .forEach(
            entry -> {
              JsonNode value = entry.getValue();
              JsonNode current = target.get(entry.getKey());
              if (value.isNull()) {
                target.remove(entry.getKey());
              } else if (value.isObject() && current != null && current.isObject()) {
                apply((ObjectNode) current, value);
              } else {
                target.set(entry.getKey(), value.deepCopy());
              }
            });
  }
}
