package io.quartermaster.pool;

import static io.quartermaster.pool.PoolRequestParser.bad;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quartermaster.flavor.FlavorCatalog;
import io.quartermaster.flavor.FlavorCount;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies the body of {@code PATCH /v2/{project_id}/pools/{pool_name}} (a JSON merge patch of
 * {@code metadata.labels}, {@code metadata.annotations} and {@code spec}) to a pool's manifest and
 * checks the result like a new pool. Names, workspace, billing and the order labels are the
 * service's and cannot be patched.
 */
final class PoolPatchParser {

  private static final List<String> FIXED_LABELS =
      List.of(
          PoolRequestParser.NAME_LABEL,
          PoolRequestParser.WORKSPACE_LABEL,
          PoolView.PROJECT_LABEL,
          PoolView.ORDER_NAME_LABEL);
  private static final List<String> FIXED_ANNOTATIONS =
      List.of(
          PoolRequestParser.BILLING_MODE,
          PoolRequestParser.PERIOD_TYPE,
          PoolRequestParser.PERIOD_NUM,
          PoolView.ORDER_ID_ANNOTATION);

  private final FlavorCatalog catalog;

  PoolPatchParser(FlavorCatalog catalog) {
    this.catalog = catalog;
  }

  /**
   * Checks what can be checked without the pool, so that a bad body is a 400 even when the pool
   * does not exist: the contract checks the request before existence.
   */
  void validate(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw bad("request body must be a JSON object");
    }
    JsonNode metadata = body.get("metadata");
    if (metadata != null && !metadata.isNull()) {
      if (!metadata.isObject()) {
        throw bad("metadata must be an object");
      }
      patchStrings(
          JsonNodeFactory.instance.objectNode(), metadata.get("labels"), "metadata.labels");
      patchStrings(
          JsonNodeFactory.instance.objectNode(),
          metadata.get("annotations"),
          "metadata.annotations");
    }
    JsonNode spec = body.get("spec");
    if (spec == null || spec.isNull()) {
      return;
    }
    if (!spec.isObject()) {
      throw bad("spec must be an object");
    }
    PoolRequestParser.checkSpec(((ObjectNode) spec).deepCopy());
    if (spec.has("resources")) {
      ResourcesParser.parse(spec, catalog);
    }
  }

  PoolPatch parse(ObjectNode current, JsonNode body) {
    if (body == null || !body.isObject()) {
      throw bad("request body must be a JSON object");
    }
    ObjectNode patched = current.deepCopy();
    JsonNode metadata = body.get("metadata");
    if (metadata != null && !metadata.isNull()) {
      if (!metadata.isObject()) {
        throw bad("metadata must be an object");
      }
      patchStrings(PoolManifests.labels(patched), metadata.get("labels"), "metadata.labels");
      patchStrings(
          PoolManifests.annotations(patched), metadata.get("annotations"), "metadata.annotations");
    }
    checkFixed(current, patched);
    JsonNode spec = body.get("spec");
    if (spec == null || spec.isNull()) {
      return new PoolPatch(patched, Optional.empty());
    }
    if (!spec.isObject()) {
      throw bad("spec must be an object");
    }
    if (spec.has("type") && !"Dedicate".equals(spec.get("type").asText())) {
      throw bad("spec.type cannot be changed");
    }
    MergePatch.apply(PoolManifests.spec(patched), spec);
    PoolRequestParser.checkSpec(PoolManifests.spec(patched));
    if (!spec.has("resources")) {
      return new PoolPatch(patched, Optional.empty());
    }
    List<FlavorCount> before = ResourcesParser.parse(PoolManifests.spec(current), catalog);
    List<FlavorCount> after = ResourcesParser.parse(PoolManifests.spec(patched), catalog);
    ResourcesParser.fillDefaults(PoolManifests.spec(patched), after);
    return new PoolPatch(patched, sameNodes(before, after) ? Optional.empty() : Optional.of(after));
  }

  private static void patchStrings(ObjectNode target, JsonNode patch, String path) {
    if (patch == null || patch.isNull()) {
      return;
    }
    if (!patch.isObject()) {
      throw bad(path + " must be an object of strings");
    }
    patch
        .properties()
        .forEach(
            entry -> {
              JsonNode value = entry.getValue();
              if (!value.isNull() && !value.isTextual()) {
                throw bad(path + "." + entry.getKey() + " must be a string or null");
              }
            });
    MergePatch.apply(target, patch);
  }

  private static void checkFixed(ObjectNode current, ObjectNode patched) {
    for (String label : FIXED_LABELS) {
      if (!Objects.equals(
          PoolManifests.labels(current).get(label), PoolManifests.labels(patched).get(label))) {
        throw bad("metadata.labels." + label + " cannot be changed");
      }
    }
    for (String annotation : FIXED_ANNOTATIONS) {
      if (!Objects.equals(
          PoolManifests.annotations(current).get(annotation),
          PoolManifests.annotations(patched).get(annotation))) {
        throw bad("metadata.annotations." + annotation + " cannot be changed");
      }
    }
  }

  /** Whether two resource lists ask for the same nodes (maxCount aside). */
  private static boolean sameNodes(List<FlavorCount> before, List<FlavorCount> after) {
    return withoutMaxCount(before).equals(withoutMaxCount(after));
  }

  private static List<FlavorCount> withoutMaxCount(List<FlavorCount> resources) {
    List<FlavorCount> result = new ArrayList<>();
    resources.stream()
        .sorted(java.util.Comparator.comparing(FlavorCount::flavor))
        .forEach(r -> result.add(new FlavorCount(r.flavor(), r.count(), 0, r.azs())));
    return result;
  }
}
