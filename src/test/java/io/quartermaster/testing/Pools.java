package io.quartermaster.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Request bodies for the pool API, built the way a vendor client sends them. */
public final class Pools {

  public static final String CPU = "modelarts.vm.cpu.8ud";
  public static final String GPU = "modelarts.vm.gpu.t4u8";

  private Pools() {}

  /** A pay-per-use pool of {@code count} nodes of {@code flavor}. */
  public static Map<String, Object> body(String displayName, String flavor, int count) {
    return body(displayName, List.of(resource(flavor, count)));
  }

  public static Map<String, Object> body(String displayName, List<Map<String, Object>> resources) {
    Map<String, Object> labels = new LinkedHashMap<>();
    labels.put("os.modelarts/name", displayName);
    labels.put("os.modelarts/workspace.id", "0");
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("labels", labels);
    metadata.put("annotations", new LinkedHashMap<>(Map.of("os.modelarts/description", "")));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("type", "Dedicate");
    spec.put("scope", List.of("Train"));
    spec.put("network", Map.of("name", "network-test"));
    spec.put("resources", new ArrayList<>(resources));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("apiVersion", "v2");
    body.put("kind", "Pool");
    body.put("metadata", metadata);
    body.put("spec", spec);
    return body;
  }

  /**
   * {@code body} billed yearly/monthly (three months) without auto-pay: its orders wait for
   * payment.
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> yearly(Map<String, Object> body) {
    Map<String, Object> annotations =
        (Map<String, Object>) ((Map<String, Object>) body.get("metadata")).get("annotations");
    annotations.put("os.modelarts/billing.mode", "1");
    annotations.put("os.modelarts/period.type", "2");
    annotations.put("os.modelarts/period.num", "3");
    return body;
  }

  public static Map<String, Object> resource(String flavor, int count) {
    Map<String, Object> resource = new LinkedHashMap<>();
    resource.put("flavor", flavor);
    resource.put("count", count);
    return resource;
  }

  /** A pool's {@code metadata.name}. */
  public static String poolName(String displayName, String projectId) {
    return displayName + "-" + projectId;
  }

  /** A unique display name (4–25 of [a-z0-9-]) for one test. */
  public static String uniqueName() {
    return "pool-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
  }
}
