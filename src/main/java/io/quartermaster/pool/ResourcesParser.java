package io.quartermaster.pool;

import static io.quartermaster.pool.PoolRequestParser.bad;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quartermaster.flavor.Flavor;
import io.quartermaster.flavor.FlavorCatalog;
import io.quartermaster.flavor.FlavorCount;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads and checks {@code spec.resources}: flavors from the catalog, counts of at least one, {@code
 * maxCount >= count}, and AZ counts that name the flavor's AZs and add up to the count.
 */
final class ResourcesParser {

  private ResourcesParser() {}

  static List<FlavorCount> parse(JsonNode spec, FlavorCatalog catalog) {
    JsonNode resources = spec.get("resources");
    if (resources == null || resources.isNull()) {
      throw bad("spec.resources is required");
    }
    if (!resources.isArray() || resources.isEmpty()) {
      throw bad("spec.resources must be a non-empty array");
    }
    List<FlavorCount> result = new ArrayList<>();
    Set<String> flavors = new HashSet<>();
    for (int i = 0; i < resources.size(); i++) {
      FlavorCount resource = resource(resources.get(i), "spec.resources[" + i + "]", catalog);
      if (!flavors.add(resource.flavor())) {
        throw bad("spec.resources names flavor " + resource.flavor() + " more than once");
      }
      result.add(resource);
    }
    return List.copyOf(result);
  }

  private static FlavorCount resource(JsonNode node, String path, FlavorCatalog catalog) {
    if (!node.isObject()) {
      throw bad(path + " must be an object");
    }
    JsonNode flavorNode = node.get("flavor");
    if (flavorNode == null || !flavorNode.isTextual()) {
      throw bad(path + ".flavor is required");
    }
    Flavor flavor =
        catalog
            .find(flavorNode.asText())
            .orElseThrow(
                () -> bad(path + ".flavor " + flavorNode.asText() + " is not a known flavor"));
    int count = integer(node, "count", path, 1);
    int maxCount = node.has("maxCount") ? integer(node, "maxCount", path, count) : count;
    List<FlavorCount.AzCount> azs = azs(node.get("azs"), path, flavor, count);
    return new FlavorCount(flavor.name(), count, maxCount, azs);
  }

  private static List<FlavorCount.AzCount> azs(
      JsonNode azs, String path, Flavor flavor, int count) {
    if (azs == null || azs.isNull()) {
      return List.of();
    }
    if (!azs.isArray()) {
      throw bad(path + ".azs must be an array");
    }
    List<FlavorCount.AzCount> result = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int sum = 0;
    for (int i = 0; i < azs.size(); i++) {
      String azPath = path + ".azs[" + i + "]";
      JsonNode az = azs.get(i);
      if (!az.isObject() || !az.has("az") || !az.get("az").isTextual()) {
        throw bad(azPath + ".az is required");
      }
      String name = az.get("az").asText();
      if (!flavor.hasAz(name)) {
        throw bad(
            azPath
                + ".az "
                + name
                + " is not an AZ of flavor "
                + flavor.name()
                + " ("
                + String.join(", ", flavor.azs())
                + ")");
      }
      if (!seen.add(name)) {
        throw bad(path + ".azs names " + name + " more than once");
      }
      int azCount = integer(az, "count", azPath, 0);
      sum += azCount;
      result.add(new FlavorCount.AzCount(name, azCount));
    }
    if (sum != count) {
      throw bad(path + ".azs counts add up to " + sum + ", not to count " + count);
    }
    return List.copyOf(result);
  }

  private static int integer(JsonNode node, String field, String path, int min) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw bad(path + "." + field + " is required");
    }
    if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < min) {
      throw bad(path + "." + field + " must be an integer of at least " + min);
    }
    return value.asInt();
  }

  /** Fills in {@code maxCount} where the caller left it out, keeping every other field. */
  static void fillDefaults(JsonNode spec, List<FlavorCount> parsed) {
    JsonNode resources = spec.get("resources");
    for (int i = 0; i < parsed.size(); i++) {
      ObjectNode resource = (ObjectNode) resources.get(i);
      if (!resource.has("maxCount")) {
        resource.put("maxCount", parsed.get(i).maxCount());
      }
    }
  }
}
