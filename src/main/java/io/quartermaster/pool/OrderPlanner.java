package io.quartermaster.pool;

import io.quartermaster.flavor.Flavor;
import io.quartermaster.flavor.FlavorCatalog;
import io.quartermaster.flavor.FlavorCount;
import io.quartermaster.order.ItemAction;
import io.quartermaster.order.OrderNames;
import io.quartermaster.order.PlannedItem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides the items of a pool's orders: which nodes to create or delete, with which names, in which
 * AZs. Node AZs follow the request's AZ counts where given, else round-robin over the flavor's AZs.
 */
final class OrderPlanner {

  private final FlavorCatalog catalog;
  private final OrderNames names;

  OrderPlanner(FlavorCatalog catalog, OrderNames names) {
    this.catalog = catalog;
    this.names = names;
  }

  /** {@code createPool}, then one {@code createNode} per requested node. */
  List<PlannedItem> apply(String poolName, List<FlavorCount> resources) {
    List<PlannedItem> items = new ArrayList<>();
    items.add(PlannedItem.pool(ItemAction.CREATE_POOL, poolName));
    items.addAll(createNodes(resources, Set.of()));
    return List.copyOf(items);
  }

  /** One {@code createNode} per node in {@code additions}, with names not in {@code taken}. */
  List<PlannedItem> createNodes(List<FlavorCount> additions, Set<String> taken) {
    Set<String> used = new HashSet<>(taken);
    List<PlannedItem> items = new ArrayList<>();
    for (FlavorCount addition : additions) {
      for (String az : placement(addition)) {
        items.add(
            PlannedItem.node(ItemAction.CREATE_NODE, freshNodeName(used), addition.flavor(), az));
      }
    }
    return items;
  }

  /**
   * The items that take a pool from {@code nodes} to {@code target}: per flavor (and per AZ where
   * the target names AZs) the newest surplus nodes are deleted, and missing nodes are created in
   * the AZs that have fewest. Deletions come first, so they free capacity for the creations.
   */
  List<PlannedItem> scale(List<NodeRow> nodes, List<FlavorCount> target) {
    List<PlannedItem> deletions = new ArrayList<>();
    List<PlannedItem> creations = new ArrayList<>();
    Set<String> used = new HashSet<>();
    nodes.forEach(n -> used.add(n.name()));
    Map<String, FlavorCount> wanted = new LinkedHashMap<>();
    target.forEach(t -> wanted.put(t.flavor(), t));
    Set<String> flavors = new LinkedHashSet<>();
    nodes.forEach(n -> flavors.add(n.flavor()));
    flavors.addAll(wanted.keySet());
    for (String flavor : flavors) {
      List<NodeRow> have = nodes.stream().filter(n -> n.flavor().equals(flavor)).toList();
      FlavorCount want = wanted.getOrDefault(flavor, new FlavorCount(flavor, 0, 0, List.of()));
      Map<String, Integer> perAz = wantedPerAz(have, want);
      for (Map.Entry<String, Integer> az : perAz.entrySet()) {
        List<NodeRow> inAz = have.stream().filter(n -> n.az().equals(az.getKey())).toList();
        for (int i = inAz.size() - 1; i >= az.getValue(); i--) {
          NodeRow node = inAz.get(i);
          deletions.add(PlannedItem.node(ItemAction.DELETE_NODE, node.name(), flavor, node.az()));
        }
        for (int i = inAz.size(); i < az.getValue(); i++) {
          creations.add(
              PlannedItem.node(ItemAction.CREATE_NODE, freshNodeName(used), flavor, az.getKey()));
        }
      }
    }
    List<PlannedItem> items = new ArrayList<>(deletions);
    items.addAll(creations);
    return List.copyOf(items);
  }

  /** How many nodes of one flavor each AZ should hold after scaling. */
  private Map<String, Integer> wantedPerAz(List<NodeRow> have, FlavorCount want) {
    Map<String, Integer> perAz = new LinkedHashMap<>();
    have.forEach(n -> perAz.merge(n.az(), 0, Integer::sum));
    if (!want.azs().isEmpty()) {
      perAz.replaceAll((az, n) -> 0);
      want.azs().forEach(az -> perAz.put(az.az(), az.count()));
      return perAz;
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    if (want.count() > 0) {
      flavorAzs(want.flavor()).forEach(az -> counts.put(az, 0));
    }
    have.forEach(n -> counts.merge(n.az(), 1, Integer::sum));
    int total = have.size();
    while (total < want.count()) {
      String fewest =
          counts.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
      counts.merge(fewest, 1, Integer::sum);
      total++;
    }
    while (total > want.count()) {
      String most =
          counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
      counts.merge(most, -1, Integer::sum);
      total--;
    }
    perAz.putAll(counts);
    return perAz;
  }

  private List<String> flavorAzs(String flavorName) {
    return catalog
        .find(flavorName)
        .map(Flavor::azs)
        .orElseThrow(() -> new IllegalStateException("unknown flavor " + flavorName));
  }

  /** The AZ of each node of {@code resource}, in creation order. */
  List<String> placement(FlavorCount resource) {
    List<String> azs = new ArrayList<>(resource.count());
    if (!resource.azs().isEmpty()) {
      resource.azs().forEach(az -> azs.addAll(java.util.Collections.nCopies(az.count(), az.az())));
      return azs;
    }
    Flavor flavor =
        catalog
            .find(resource.flavor())
            .orElseThrow(() -> new IllegalStateException("unknown flavor " + resource.flavor()));
    List<String> flavorAzs = flavor.azs();
    for (int i = 0; i < resource.count(); i++) {
      azs.add(flavorAzs.get(i % flavorAzs.size()));
    }
    return azs;
  }

  private String freshNodeName(Set<String> used) {
    String name;
    do {
      name = names.nodeName();
    } while (!used.add(name));
    return name;
  }
}
