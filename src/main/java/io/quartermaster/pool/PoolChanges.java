package io.quartermaster.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quartermaster.error.BadRequestException;
import io.quartermaster.error.NotFoundException;
import io.quartermaster.flavor.FlavorCatalog;
import io.quartermaster.flavor.FlavorCount;
import io.quartermaster.identity.Caller;
import io.quartermaster.order.ItemAction;
import io.quartermaster.order.NewOrder;
import io.quartermaster.order.OrderDraft;
import io.quartermaster.order.OrderNames;
import io.quartermaster.order.OrderOperation;
import io.quartermaster.order.OrderPlacement;
import io.quartermaster.order.PlannedItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Changes of an existing pool: scaling (PATCH), deleting nodes and deleting the pool. Each runs in
 * one transaction holding the pool's row lock, and every node change becomes an order.
 */
public final class PoolChanges {

  private final Jdbi jdbi;
  private final PoolDao pools = new PoolDao();
  private final NodeDao nodes = new NodeDao();
  private final PoolPatchParser patchParser;
  private final OrderPlanner planner;
  private final OrderPlacement placement;
  private final PoolLifecycle lifecycle;
  private final PoolConfig config;

  public PoolChanges(
      Jdbi jdbi,
      FlavorCatalog catalog,
      OrderNames names,
      OrderPlacement placement,
      PoolLifecycle lifecycle,
      PoolConfig config) {
    this.jdbi = jdbi;
    this.patchParser = new PoolPatchParser(catalog);
    this.planner = new OrderPlanner(catalog, names);
    this.placement = placement;
    this.lifecycle = lifecycle;
    this.config = config;
  }

  /** Applies a merge patch; new node counts place a {@code modify} order. */
  PoolView patch(Caller caller, String name, JsonNode body) {
    patchParser.validate(body);
    return change(
        caller,
        name,
        (h, pool) -> {
          PoolPatch patch = patchParser.parse(pool.manifest(), body);
          if (patch.resources().isEmpty()) {
            pools.updateManifest(h, pool.id(), patch.manifest());
            return;
          }
          List<FlavorCount> target = patch.resources().get();
          int others = pools.requestedNodes(h, pool.projectId()) - requested(pool);
          int asked = target.stream().mapToInt(FlavorCount::count).sum();
          if (others + asked > config.nodeQuota()) {
            throw BadRequestException.nodeQuota(config.nodeQuota(), others, asked);
          }
          List<PlannedItem> items = planner.scale(nodes.list(h, pool.id()), target);
          ObjectNode manifest =
              items.isEmpty()
                  ? patch.manifest()
                  : placeModify(h, caller, pool, patch.manifest(), target, items);
          pools.updateManifest(h, pool.id(), manifest);
        });
  }

  /** Deletes the named nodes through a {@code modify} order; one node at least must remain. */
  PoolView deleteNodes(Caller caller, String name, List<String> nodeNames) {
    return change(
        caller,
        name,
        (h, pool) -> {
          List<NodeRow> current = nodes.list(h, pool.id());
          List<PlannedItem> items = new ArrayList<>();
          List<NodeRow> remaining = new ArrayList<>(current);
          for (String nodeName : nodeNames) {
            NodeRow node =
                current.stream()
                    .filter(n -> n.name().equals(nodeName))
                    .findFirst()
                    .orElseThrow(
                        () ->
                            BadRequestException.because(
                                "deleteNodeNames: " + nodeName + " is not a node of pool " + name));
            remaining.remove(node);
            items.add(
                PlannedItem.node(ItemAction.DELETE_NODE, node.name(), node.flavor(), node.az()));
          }
          if (remaining.isEmpty()) {
            throw BadRequestException.because(
                "deleteNodeNames: at least one node must remain in the pool; delete the pool instead");
          }
          ObjectNode manifest = pool.manifest().deepCopy();
          List<FlavorCount> target = NodeDao.countsOf(remaining);
          PoolManifests.setCounts(manifest, target);
          pools.updateManifest(h, pool.id(), placeModify(h, caller, pool, manifest, target, items));
        });
  }

  /** Places the pool's {@code delete} order: every node, then the pool itself. */
  PoolView delete(Caller caller, String name) {
    return change(
        caller,
        name,
        (h, pool) -> {
          List<PlannedItem> items = new ArrayList<>();
          for (NodeRow node : nodes.list(h, pool.id())) {
            items.add(
                PlannedItem.node(ItemAction.DELETE_NODE, node.name(), node.flavor(), node.az()));
          }
          items.add(PlannedItem.pool(ItemAction.DELETE_POOL, pool.name()));
          OrderDraft order = place(h, caller, pool, OrderOperation.DELETE, List.of(), items);
          pools.updateManifest(
              h, pool.id(), PoolManifests.withOrder(pool.manifest(), pool.projectId(), order));
          lifecycle.placed(h, order);
        });
  }

  /** Places the {@code modify} order; answers {@code manifest} naming it. */
  private ObjectNode placeModify(
      Handle h,
      Caller caller,
      PoolRow pool,
      ObjectNode manifest,
      List<FlavorCount> target,
      List<PlannedItem> items) {
    OrderDraft order = place(h, caller, pool, OrderOperation.MODIFY, target, items);
    lifecycle.placed(h, order);
    return PoolManifests.withOrder(manifest, pool.projectId(), order);
  }

  private OrderDraft place(
      Handle h,
      Caller caller,
      PoolRow pool,
      OrderOperation operation,
      List<FlavorCount> target,
      List<PlannedItem> items) {
    List<FlavorCount> current = nodes.counts(h, pool.id());
    return placement.place(
        h,
        new NewOrder(
            pool.projectId(),
            pool.id(),
            pool.name(),
            pool.displayName(),
            pool.workspaceId(),
            operation,
            PoolRequestParser.billing(PoolManifests.annotations(pool.manifest())),
            Optional.of(current),
            target,
            current,
            items,
            caller));
  }

  private PoolView change(Caller caller, String name, PoolMutation mutation) {
    return jdbi.inTransaction(
        h -> {
          PoolRow pool =
              pools
                  .lockLive(h, caller.projectId(), name)
                  .orElseThrow(() -> NotFoundException.pool(name, caller.projectId()));
          mutation.apply(h, pool);
          return PoolView.load(h, nodes, pools.findById(h, pool.id()).orElseThrow());
        });
  }

  private static int requested(PoolRow pool) {
    int sum = 0;
    for (JsonNode resource : PoolManifests.spec(pool.manifest()).path("resources")) {
      sum += resource.path("count").asInt();
    }
    return sum;
  }

  @FunctionalInterface
  private interface PoolMutation {
    void apply(Handle h, PoolRow pool);
  }
}
