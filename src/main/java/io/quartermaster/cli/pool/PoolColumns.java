package io.quartermaster.cli.pool;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.cli.ClientJson;
import io.quartermaster.cli.Column;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** How pools, nodes and flavors are shown as tables and CSV. */
final class PoolColumns {

  private PoolColumns() {}

  static List<Column> table(Clock clock) {
    return List.of(
        Column.of("NAME", Pools::displayName),
        Column.state("PHASE", p -> Pools.text(p, "/status/phase")),
        Column.of("FLAVOR", Pools::flavors),
        Column.of("NODES", p -> Pools.nodes(p, "available") + "/" + Pools.desired(p)),
        Column.of("ORDER", Pools::order),
        Column.of("CREATED", p -> Pools.local(Pools.text(p, "/metadata/creationTimestamp"), clock)),
        Column.at("MESSAGE", "/status/message"));
  }

  static List<Column> csv() {
    return List.of(
        Column.of("name", Pools::displayName),
        Column.at("metadataName", "/metadata/name"),
        Column.at("phase", "/status/phase"),
        Column.of("flavors", Pools::flavors),
        Column.of("desired", p -> Integer.toString(Pools.desired(p))),
        Column.of("available", p -> Integer.toString(Pools.nodes(p, "available"))),
        Column.of("creating", p -> Integer.toString(Pools.nodes(p, "creating"))),
        Column.of("deleting", p -> Integer.toString(Pools.nodes(p, "deleting"))),
        Column.of("order", Pools::order),
        Column.at("created", "/metadata/creationTimestamp"),
        Column.at("message", "/status/message"));
  }

  static List<Column> details(Clock clock) {
    return List.of(
        Column.of("Name", Pools::displayName),
        Column.at("Id", "/metadata/name"),
        Column.state("Phase", p -> Pools.text(p, "/status/phase")),
        Column.at("Message", "/status/message"),
        Column.of("Created", p -> Pools.local(Pools.text(p, "/metadata/creationTimestamp"), clock)),
        Column.of(
            "Deleting since",
            p -> Pools.local(Pools.text(p, "/metadata/deletionTimestamp"), clock)),
        Column.at("Workspace", "/metadata/labels/os.modelarts~1workspace.id"),
        Column.at("Description", "/metadata/annotations/os.modelarts~1description"),
        Column.of("Scope", p -> join(p.path("spec").path("scope"))),
        Column.of("Billing", Pools::billing),
        Column.of("Resources", Pools::resources),
        Column.of("Available", p -> Integer.toString(Pools.nodes(p, "available"))),
        Column.of("Creating", p -> zeroless(Pools.nodes(p, "creating"))),
        Column.of("Deleting", p -> zeroless(Pools.nodes(p, "deleting"))),
        Column.of("Order", Pools::order));
  }

  static List<Column> nodes(Clock clock) {
    return List.of(
        Column.at("NAME", "/metadata/name"),
        Column.at("FLAVOR", "/spec/flavor"),
        Column.at("AZ", "/status/az"),
        Column.state("PHASE", n -> ClientJson.textOrEmpty(n, "/status/phase")),
        Column.of(
            "CREATED", n -> Pools.local(Pools.text(n, "/metadata/creationTimestamp"), clock)));
  }

  static List<Column> nodesCsv() {
    return List.of(
        Column.at("name", "/metadata/name"),
        Column.at("flavor", "/spec/flavor"),
        Column.at("az", "/status/az"),
        Column.at("phase", "/status/phase"),
        Column.at("created", "/metadata/creationTimestamp"));
  }

  static List<Column> flavors() {
    return List.of(
        Column.at("NAME", "/metadata/name"),
        Column.at("TYPE", "/spec/type"),
        Column.at("ARCH", "/spec/cpuArch"),
        Column.at("CPU", "/spec/cpu"),
        Column.at("MEMORY", "/spec/memory"),
        Column.of("GPU", PoolColumns::gpu),
        Column.of("AZS", PoolColumns::azs));
  }

  static List<Column> flavorsCsv() {
    return List.of(
        Column.at("name", "/metadata/name"),
        Column.at("type", "/spec/type"),
        Column.at("cpuArch", "/spec/cpuArch"),
        Column.at("cpu", "/spec/cpu"),
        Column.at("memory", "/spec/memory"),
        Column.at("gpuType", "/spec/gpu/type"),
        Column.at("gpuCount", "/spec/gpu/size"),
        Column.at("gpuMemory", "/spec/gpu/memory"),
        Column.of("azs", PoolColumns::azs));
  }

  private static String gpu(JsonNode flavor) {
    JsonNode gpu = flavor.path("spec").path("gpu");
    if (gpu.isMissingNode()) {
      return "";
    }
    return gpu.path("size").asText()
        + "×"
        + gpu.path("type").asText()
        + " "
        + gpu.path("memory").asText();
  }

  private static String azs(JsonNode flavor) {
    List<String> azs = new ArrayList<>();
    flavor.path("status").path("phase").fieldNames().forEachRemaining(azs::add);
    return String.join(",", azs);
  }

  private static String join(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return String.join(",", values);
  }

  private static String zeroless(int count) {
    return count == 0 ? "" : Integer.toString(count);
  }
}
