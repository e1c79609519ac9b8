package io.quartermaster.pool;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quartermaster.flavor.FlavorCount;
import io.quartermaster.order.OrderDraft;
import java.util.List;

/** Edits of a pool's stored manifest that several pool changes share. */
final class PoolManifests {

  private PoolManifests() {}

  static ObjectNode labels(ObjectNode manifest) {
    return (ObjectNode) manifest.get("metadata").get("labels");
  }

  static ObjectNode annotations(ObjectNode manifest) {
    return (ObjectNode) manifest.get("metadata").get("annotations");
  }

  static ObjectNode spec(ObjectNode manifest) {
    return (ObjectNode) manifest.get("spec");
  }

  /** A copy of {@code manifest} whose order label and annotation name {@code order}. */
  static ObjectNode withOrder(ObjectNode manifest, String projectId, OrderDraft order) {
    ObjectNode copy = manifest.deepCopy();
    labels(copy)
        .put(PoolView.PROJECT_LABEL, projectId)
        .put(PoolView.ORDER_NAME_LABEL, order.orderName());
    annotations(copy).put(PoolView.ORDER_ID_ANNOTATION, order.orderId());
    return copy;
  }

  /**
   * Sets the requested counts of the manifest's resources to {@code counts}, keeping every other
   * field of each resource; flavors no longer requested are dropped.
   */
  static void setCounts(ObjectNode manifest, List<FlavorCount> counts) {
    ArrayNode resources = (ArrayNode) spec(manifest).get("resources");
    for (int i = resources.size() - 1; i >= 0; i--) {
      ObjectNode resource = (ObjectNode) resources.get(i);
      String flavor = resource.get("flavor").asText();
      FlavorCount count =
          counts.stream().filter(c -> c.flavor().equals(flavor)).findFirst().orElse(null);
      if (count == null || count.count() == 0) {
        resources.remove(i);
        continue;
      }
      resource.put("count", count.count());
      if (resource.path("maxCount").asInt() < count.count()) {
        resource.put("maxCount", count.count());
      }
      if (resource.has("azs")) {
        ArrayNode azs = resource.putArray("azs");
        count.azs().forEach(az -> azs.addObject().put("az", az.az()).put("count", az.count()));
      }
    }
  }
}
