package io.quartermaster.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quartermaster.error.BadRequestException;
import io.quartermaster.flavor.FlavorCatalog;
import io.quartermaster.flavor.FlavorCount;
import io.quartermaster.order.Billing;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the body of {@code POST /v2/{project_id}/pools} into a {@link PoolRequest}, checking every
 * field the contract names (CONTRACT §3). Each failure says which field and why.
 */
final class PoolRequestParser {

  static final String NAME_LABEL = "os.modelarts/name";
  static final String WORKSPACE_LABEL = "os.modelarts/workspace.id";
  static final String DESCRIPTION = "os.modelarts/description";
  static final String BILLING_MODE = "os.modelarts/billing.mode";
  static final String PERIOD_TYPE = "os.modelarts/period.type";
  static final String PERIOD_NUM = "os.modelarts/period.num";
  static final String AUTO_PAY = "os.modelarts/auto.pay";
  static final String AUTO_RENEW = "os.modelarts/auto.renew";

  private static final Pattern DISPLAY_NAME = Pattern.compile("[a-z0-9-]{4,25}");
  private static final Set<String> SCOPES = Set.of("Train", "Infer", "Notebook");
  private static final int MAX_WORKSPACE_LENGTH = 64;

  private final FlavorCatalog catalog;

  PoolRequestParser(FlavorCatalog catalog) {
    this.catalog = catalog;
  }

  PoolRequest parse(JsonNode body) {
    requireText(body, "apiVersion", "v2");
    requireText(body, "kind", "Pool");
    ObjectNode metadata = object(body, "metadata", "metadata");
    ObjectNode labels = stringMap(metadata, "labels", "metadata.labels");
    ObjectNode annotations = stringMap(metadata, "annotations", "metadata.annotations");
    ObjectNode spec = object(body, "spec", "spec");

    String displayName = displayName(labels);
    String workspaceId = workspaceId(labels);
    Billing billing = billing(annotations);
    if (!spec.hasNonNull("type")) {
      spec.put("type", "Dedicate");
    }
    checkSpec(spec);
    List<FlavorCount> resources = ResourcesParser.parse(spec, catalog);
    ResourcesParser.fillDefaults(spec, resources);

    ObjectNode manifest = JsonNodeFactory.instance.objectNode();
    ObjectNode manifestMetadata = manifest.putObject("metadata");
    manifestMetadata.set("labels", labels);
    manifestMetadata.set("annotations", annotations);
    manifest.set("spec", spec);
    return new PoolRequest(displayName, workspaceId, billing, resources, manifest);
  }

  private static String displayName(ObjectNode labels) {
    JsonNode name = labels.get(NAME_LABEL);
    if (name == null) {
      throw bad("metadata.labels." + NAME_LABEL + " is required");
    }
    if (!DISPLAY_NAME.matcher(name.asText()).matches()) {
      throw bad(
          "metadata.labels." + NAME_LABEL + " must be 4 to 25 characters of a-z, 0-9 and '-'");
    }
    return name.asText();
  }

  private static String workspaceId(ObjectNode labels) {
    String workspace = labels.has(WORKSPACE_LABEL) ? labels.get(WORKSPACE_LABEL).asText() : "0";
    if (workspace.isEmpty() || workspace.length() > MAX_WORKSPACE_LENGTH) {
      throw bad("metadata.labels." + WORKSPACE_LABEL + " must be 1 to 64 characters");
    }
    labels.put(WORKSPACE_LABEL, workspace);
    return workspace;
  }

  /** The billing of a pool, from its (request or stored) annotations. */
  static Billing billing(ObjectNode annotations) {
    String mode = text(annotations, BILLING_MODE).orElse(Billing.PAY_PER_USE);
    annotations.put(BILLING_MODE, mode);
    boolean autoPay = flag(annotations, AUTO_PAY);
    flag(annotations, AUTO_RENEW);
    if (Billing.PAY_PER_USE.equals(mode)) {
      if (annotations.has(PERIOD_TYPE) || annotations.has(PERIOD_NUM)) {
        throw bad(
            "metadata.annotations."
                + PERIOD_TYPE
                + " and "
                + PERIOD_NUM
                + " apply only to billing mode 1");
      }
      return Billing.payPerUse();
    }
    if (!Billing.YEARLY_MONTHLY.equals(mode)) {
      throw bad("metadata.annotations." + BILLING_MODE + " must be \"0\" or \"1\"");
    }
    String periodType =
        text(annotations, PERIOD_TYPE)
            .orElseThrow(
                () ->
                    bad(
                        "metadata.annotations."
                            + PERIOD_TYPE
                            + " is required when billing mode is 1"));
    int maxPeriods =
        switch (periodType) {
          case "2" -> 11;
          case "3" -> 3;
          default ->
              throw bad(
                  "metadata.annotations." + PERIOD_TYPE + " must be \"2\" (month) or \"3\" (year)");
        };
    String periodNum =
        text(annotations, PERIOD_NUM)
            .orElseThrow(
                () ->
                    bad(
                        "metadata.annotations."
                            + PERIOD_NUM
                            + " is required when billing mode is 1"));
    if (!periodNum.matches("[1-9][0-9]?") || Integer.parseInt(periodNum) > maxPeriods) {
      throw bad(
          "metadata.annotations."
              + PERIOD_NUM
              + " must be an integer between 1 and "
              + maxPeriods
              + " for period type "
              + periodType);
    }
    return new Billing(mode, Optional.of(periodType), Optional.of(periodNum), autoPay);
  }

  private static boolean flag(ObjectNode annotations, String key) {
    Optional<String> value = text(annotations, key);
    if (value.isEmpty()) {
      return false;
    }
    return switch (value.get()) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default -> throw bad("metadata.annotations." + key + " must be \"true\" or \"false\"");
    };
  }

  /** Checks the parts of a spec other than its resources. */
  static void checkSpec(ObjectNode spec) {
    JsonNode type = spec.get("type");
    if (type != null && (!type.isTextual() || !"Dedicate".equals(type.asText()))) {
      throw bad("spec.type must be Dedicate");
    }
    checkScope(spec);
    checkNetwork(spec);
  }

  private static void checkScope(ObjectNode spec) {
    JsonNode scope = spec.get("scope");
    if (scope == null) {
      return;
    }
    if (!scope.isArray()) {
      throw bad("spec.scope must be an array of Train, Infer, Notebook");
    }
    Set<String> seen = new HashSet<>();
    for (JsonNode item : scope) {
      if (!item.isTextual() || !SCOPES.contains(item.asText()) || !seen.add(item.asText())) {
        throw bad("spec.scope must hold distinct values of Train, Infer, Notebook");
      }
    }
  }

  private static void checkNetwork(ObjectNode spec) {
    JsonNode network = spec.get("network");
    if (network != null
        && (!network.isObject() || (network.has("name") && !network.get("name").isTextual()))) {
      throw bad("spec.network.name must be a string");
    }
  }

  private static void requireText(JsonNode body, String field, String expected) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      throw bad(field + " is required");
    }
    if (!expected.equals(value.asText()) || !value.isTextual()) {
      throw bad(field + " must be " + expected);
    }
  }

  private static ObjectNode object(JsonNode parent, String field, String path) {
    JsonNode value = parent.get(field);
    if (value == null || value.isNull()) {
      throw bad(path + " is required");
    }
    if (!value.isObject()) {
      throw bad(path + " must be an object");
    }
    return ((ObjectNode) value).deepCopy();
  }

  /** An optional object of string values; absent becomes empty. */
  private static ObjectNode stringMap(JsonNode parent, String field, String path) {
    JsonNode value = parent.get(field);
    if (value == null || value.isNull()) {
      return JsonNodeFactory.instance.objectNode();
    }
    if (!value.isObject()) {
      throw bad(path + " must be an object of strings");
    }
    value
        .properties()
        .forEach(
            entry -> {
              if (!entry.getValue().isTextual()) {
                throw bad(path + "." + entry.getKey() + " must be a string");
              }
            });
    return ((ObjectNode) value).deepCopy();
  }

  private static Optional<String> text(ObjectNode map, String key) {
    return Optional.ofNullable(map.get(key)).map(JsonNode::asText);
  }

  static BadRequestException bad(String reason) {
    return BadRequestException.because(reason);
  }
}
