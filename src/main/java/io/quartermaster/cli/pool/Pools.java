package io.quartermaster.cli.pool;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.cli.ClientJson;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Reading the vendor's Pool object. */
final class Pools {

  static final String NAME_LABEL = "os.modelarts/name";
  static final String ORDER_LABEL = "os.modelarts/order.name";

  private Pools() {}

  static String displayName(JsonNode pool) {
    return pool.path("metadata").path("labels").path(NAME_LABEL).asText();
  }

  static String order(JsonNode pool) {
    return pool.path("metadata").path("labels").path(ORDER_LABEL).asText();
  }

  static String annotation(JsonNode pool, String name) {
    return pool.path("metadata").path("annotations").path(name).asText();
  }

  /**
   * The nodes in one state of {@code status.resources} ({@code available}, {@code creating}...).
   */
  static int nodes(JsonNode pool, String state) {
    int sum = 0;
    for (JsonNode count : pool.path("status").path("resources").path(state)) {
      sum += count.path("count").asInt();
    }
    return sum;
  }

  static int desired(JsonNode pool) {
    int sum = 0;
    for (JsonNode resource : pool.path("spec").path("resources")) {
      sum += resource.path("count").asInt();
    }
    return sum;
  }

  static String flavors(JsonNode pool) {
    List<String> flavors = new ArrayList<>();
    pool.path("spec").path("resources").forEach(r -> flavors.add(r.path("flavor").asText()));
    return String.join(",", flavors);
  }

  /** {@code flavor ×N (az-1a 2, az-1b 1)} per resource of the spec, one per line. */
  static String resources(JsonNode pool) {
    List<String> lines = new ArrayList<>();
    for (JsonNode resource : pool.path("spec").path("resources")) {
      StringBuilder line =
          new StringBuilder(resource.path("flavor").asText())
              .append(" ×")
              .append(resource.path("count").asInt());
      List<String> azs = new ArrayList<>();
      resource
          .path("azs")
          .forEach(az -> azs.add(az.path("az").asText() + " " + az.path("count").asInt()));
      if (!azs.isEmpty()) {
        line.append(" (").append(String.join(", ", azs)).append(')');
      }
      lines.add(line.toString());
    }
    return String.join("; ", lines);
  }

  static String billing(JsonNode pool) {
    if (!annotation(pool, "os.modelarts/billing.mode").equals("1")) {
      return "pay-per-use";
    }
    String unit = annotation(pool, "os.modelarts/period.type").equals("3") ? "y" : "m";
    return "yearly/monthly, " + annotation(pool, "os.modelarts/period.num") + unit;
  }

  /** An ISO timestamp of the pool API as local time. */
  static String local(String iso, Clock clock) {
    if (iso.isEmpty()) {
      return "";
    }
    try {
      return io.quartermaster.cli.Times.local(Instant.parse(iso).toEpochMilli(), clock);
    } catch (DateTimeParseException e) {
      return iso;
    }
  }

  static String text(JsonNode pool, String pointer) {
    return ClientJson.textOrEmpty(pool, pointer);
  }
}
