package io.quartermaster.cli.order;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.cli.ClientJson;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The fields of a ListOrders order that the client reasons about.
 *
 * @param nodesBefore the pool's nodes before the order (0 for {@code apply})
 * @param nodesAfter the nodes it asks for (0 for {@code delete})
 * @param plannedItems how many detail items the order runs when it succeeds
 */
public record OrderSummary(
    String name,
    String id,
    String operation,
    String phase,
    String poolName,
    String poolDisplayName,
    String failReason,
    long created,
    long began,
    long ended,
    int nodesBefore,
    int nodesAfter,
    int plannedItems) {

  public static OrderSummary of(JsonNode order) {
    Map<String, Integer> before = counts(order.get("initCount"));
    Map<String, Integer> after = counts(order.get("specCount"));
    String operation = ClientJson.textOrEmpty(order, "/operation");
    return new OrderSummary(
        ClientJson.textOrEmpty(order, "/orderName"),
        ClientJson.textOrEmpty(order, "/orderId"),
        operation,
        ClientJson.textOrEmpty(order, "/phase"),
        ClientJson.textOrEmpty(order, "/resourceName"),
        ClientJson.textOrEmpty(order, "/resourceDisplayName"),
        ClientJson.textOrEmpty(order, "/failReason"),
        ClientJson.number(order, "/creationTimestamp"),
        ClientJson.number(order, "/beginTimestamp"),
        ClientJson.number(order, "/endTimestamp"),
        sum(before),
        sum(after),
        planned(operation, before, after));
  }

  public boolean finished() {
    return phase.equals("successed") || phase.equals("failed");
  }

  public boolean pending() {
    return phase.equals("pending");
  }

  /**
   * An apply creates the pool, then each node; a delete deletes each node, then the pool; a modify
   * creates or deletes the difference per flavor (CONTRACT §4).
   */
  private static int planned(
      String operation, Map<String, Integer> before, Map<String, Integer> after) {
    return switch (operation) {
      case "apply" -> 1 + sum(after);
      case "delete" -> sum(before) + 1;
      default -> {
        Set<String> flavors = new HashSet<>(before.keySet());
        flavors.addAll(after.keySet());
        int changes = 0;
        for (String flavor : flavors) {
          changes += Math.abs(after.getOrDefault(flavor, 0) - before.getOrDefault(flavor, 0));
        }
        yield changes;
      }
    };
  }

  static Map<String, Integer> counts(JsonNode counts) {
    Map<String, Integer> byFlavor = new HashMap<>();
    if (counts != null && counts.isArray()) {
      for (JsonNode count : counts) {
        byFlavor.merge(count.path("flavor").asText(), count.path("count").asInt(), Integer::sum);
      }
    }
    return byFlavor;
  }

  private static int sum(Map<String, Integer> counts) {
    return counts.values().stream().mapToInt(Integer::intValue).sum();
  }
}
