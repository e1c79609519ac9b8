package io.quartermaster.order;

import io.quartermaster.flavor.Flavor;
import io.quartermaster.flavor.FlavorCatalog;
import io.quartermaster.pool.FlavorCount;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides the items of an order: which nodes to create, with which names, in which AZs. Node AZs
 * follow the request's AZ counts where given, else round-robin over the flavor's AZs.
 */
public final class OrderPlanner {

  private final FlavorCatalog catalog;
  private final OrderNames names;

  public OrderPlanner(FlavorCatalog catalog, OrderNames names) {
    this.catalog = catalog;
    this.names = names;
  }

  /** {@code createPool}, then one {@code createNode} per requested node. */
  public List<PlannedItem> apply(String poolName, List<FlavorCount> resources) {
    List<PlannedItem> items = new ArrayList<>();
    items.add(PlannedItem.pool(ItemAction.createPool, poolName));
    items.addAll(createNodes(resources, Set.of()));
    return List.copyOf(items);
  }

  /** One {@code createNode} per node in {@code additions}, with names not in {@code taken}. */
  public List<PlannedItem> createNodes(List<FlavorCount> additions, Set<String> taken) {
    Set<String> used = new HashSet<>(taken);
    List<PlannedItem> items = new ArrayList<>();
    for (FlavorCount addition : additions) {
      for (String az : placement(addition)) {
        items.add(
            PlannedItem.node(ItemAction.createNode, freshNodeName(used), addition.flavor(), az));
      }
    }
    return items;
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
