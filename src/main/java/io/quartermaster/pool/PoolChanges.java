package io.quartermaster.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quartermaster.error.BadRequestException;
import io.quartermaster.error.NotFoundException;
import io.quartermaster.flavor.FlavorCatalog;
import io.quartermaster.identity.Caller;
import io.quartermaster.order.ItemAction;
import io.quartermaster.order.NewOrder;
import io.quartermaster.order.OrderOperation;
import io.quartermaster.order.OrderPlacement;
import io.quartermaster.order.OrderPlanner;
import io.quartermaster.order.PlacedOrder;
import io.quartermaster.order.PlannedItem;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
  private final PoolDao pools;
  private final NodeDao nodes;
  private final PoolPatchParser patchParser;
  private final OrderPlanner planner;
  private final OrderPlacement placement;
  private final PoolConfig config;
  private final Runnable wakeEngine;
  private final Clock clock;

  public PoolChanges(
      Jdbi jdbi,
      PoolDao pools,
      NodeDao nodes,
      FlavorCatalog catalog,
      OrderPlanner planner,
      OrderPlacement placement,
      PoolConfig config,
      Runnable wakeEngine,
      Clock clock) {
    this.jdbi = jdbi;
    this.pools = pools;
    this.nodes = nodes;
    this.patchParser = new PoolPatchParser(catalog);
    this.planner = planner;
    this.placement = placement;
    this.config = config;
    this.wakeEngine = wakeEngine;
    this.clock = clock;
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
          if (!items.isEmpty()) {
            placeModify(h, caller, pool, patch.manifest(), target, items);
          }
          pools.updateManifest(h, pool.id(), patch.manifest());
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
                PlannedItem.node(ItemAction.deleteNode, node.name(), node.flavor(), node.az()));
          }
          if (remaining.isEmpty()) {
            throw BadRequestException.because(
                "deleteNodeNames: at least one node must remain in the pool; delete the pool instead");
          }
          ObjectNode manifest = pool.manifest().deepCopy();
          List<FlavorCount> target = NodeDao.countsOf(remaining);
          PoolManifests.setCounts(manifest, target);
          placeModify(h, caller, pool, manifest, target, items);
          pools.updateManifest(h, pool.id(), manifest);
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
                PlannedItem.node(ItemAction.deleteNode, node.name(), node.flavor(), node.az()));
          }
          items.add(PlannedItem.pool(ItemAction.deletePool, pool.name()));
          PlacedOrder order = place(h, caller, pool, OrderOperation.DELETE, List.of(), items);
          ObjectNode manifest = pool.manifest().deepCopy();
          PoolManifests.recordOrder(manifest, pool.projectId(), order);
          pools.updateManifest(h, pool.id(), manifest);
          pools.markDeletionRequested(h, pool.id(), now());
        });
  }

  private void placeModify(
      Handle h,
      Caller caller,
      PoolRow pool,
      ObjectNode manifest,
      List<FlavorCount> target,
      List<PlannedItem> items) {
    PlacedOrder order = place(h, caller, pool, OrderOperation.MODIFY, target, items);
    PoolManifests.recordOrder(manifest, pool.projectId(), order);
    if (order.pending()) {
      pools.setPhase(h, pool.id(), PoolPhase.Waiting, order.waitingMessage());
    } else if (pool.phase() != PoolPhase.Running) {
      boolean empty = nodes.list(h, pool.id()).isEmpty();
      pools.setPhase(
          h, pool.id(), empty ? PoolPhase.Creating : PoolPhase.Running, Optional.empty());
    }
  }

  private PlacedOrder place(
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
    PoolView view =
        jdbi.inTransaction(
            h -> {
              PoolRow pool =
                  pools
                      .lockLive(h, caller.projectId(), name)
                      .orElseThrow(() -> NotFoundException.pool(name, caller.projectId()));
              mutation.apply(h, pool);
              return PoolView.load(h, nodes, pools.findById(h, pool.id()).orElseThrow());
            });
    wakeEngine.run();
    return view;
  }

  private static int requested(PoolRow pool) {
    int sum = 0;
    for (JsonNode resource : PoolManifests.spec(pool.manifest()).path("resources")) {
      sum += resource.path("count").asInt();
    }
    return sum;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  @FunctionalInterface
  private interface PoolMutation {
    void apply(Handle h, PoolRow pool);
  }
}
