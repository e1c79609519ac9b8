package io.quartermaster.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quartermaster.error.BadRequestException;
import io.quartermaster.error.ConflictException;
import io.quartermaster.error.NotFoundException;
import io.quartermaster.identity.Caller;
import io.quartermaster.order.NewOrder;
import io.quartermaster.order.OrderOperation;
import io.quartermaster.order.OrderPlacement;
import io.quartermaster.order.OrderPlanner;
import io.quartermaster.order.PlacedOrder;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Creating and reading pools; every change of nodes goes through an order. */
public final class PoolService {

  private final Jdbi jdbi;
  private final PoolDao pools;
  private final NodeDao nodes;
  private final PoolRequestParser parser;
  private final OrderPlanner planner;
  private final OrderPlacement placement;
  private final PoolConfig config;
  private final Runnable wakeEngine;
  private final Clock clock;

  public PoolService(
      Jdbi jdbi,
      PoolDao pools,
      NodeDao nodes,
      io.quartermaster.flavor.FlavorCatalog catalog,
      OrderPlanner planner,
      OrderPlacement placement,
      PoolConfig config,
      Runnable wakeEngine,
      Clock clock) {
    this.jdbi = jdbi;
    this.pools = pools;
    this.nodes = nodes;
    this.parser = new PoolRequestParser(catalog);
    this.planner = planner;
    this.placement = placement;
    this.config = config;
    this.wakeEngine = wakeEngine;
    this.clock = clock;
  }

  /** Creates a pool and places its {@code apply} order, in one transaction. */
  PoolView create(Caller caller, JsonNode body) {
    PoolRequest request = parser.parse(body);
    PoolView view =
        jdbi.inTransaction(
            h -> {
              pools.lockProject(h, caller.projectId());
              if (pools.liveDisplayNameTaken(h, caller.projectId(), request.displayName())) {
                throw ConflictException.poolExists();
              }
              int inUse = pools.requestedNodes(h, caller.projectId());
              if (inUse + request.nodeCount() > config.nodeQuota()) {
                throw BadRequestException.nodeQuota(config.nodeQuota(), inUse, request.nodeCount());
              }
              return insertWithOrder(h, caller, request);
            });
    wakeEngine.run();
    return view;
  }

  private PoolView insertWithOrder(Handle h, Caller caller, PoolRequest request) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    String name = request.displayName() + "-" + caller.projectId();
    ObjectNode manifest = request.manifest();
    PoolRow pool =
        new PoolRow(
            UUID.randomUUID(),
            caller.projectId(),
            name,
            request.displayName(),
            request.workspaceId(),
            PoolPhase.Creating,
            Optional.empty(),
            manifest,
            now,
            Optional.empty(),
            Optional.empty());
    pools.insert(h, pool);
    PlacedOrder order =
        placement.place(
            h,
            new NewOrder(
                caller.projectId(),
                pool.id(),
                name,
                request.displayName(),
                request.workspaceId(),
                OrderOperation.APPLY,
                request.billing(),
                Optional.empty(),
                request.resources(),
                List.of(),
                planner.apply(name, request.resources()),
                caller));
    PoolManifests.recordOrder(manifest, caller.projectId(), order);
    pools.updateManifest(h, pool.id(), manifest);
    if (order.pending()) {
      pools.setPhase(h, pool.id(), PoolPhase.Waiting, order.waitingMessage());
    }
    PoolRow stored = pools.findById(h, pool.id()).orElseThrow();
    return PoolView.load(h, nodes, stored);
  }

  List<PoolView> list(String projectId, PoolListQuery query) {
    return jdbi.inTransaction(
        h ->
            PoolView.loadAll(h, nodes, pools.listLive(h, projectId, query.workspaceId())).stream()
                .filter(query::matches)
                .toList());
  }

  PoolView show(String projectId, String name) {
    return jdbi.inTransaction(
        h -> {
          PoolRow pool =
              pools
                  .findLive(h, projectId, name)
                  .orElseThrow(() -> NotFoundException.pool(name, projectId));
          return PoolView.load(h, nodes, pool);
        });
  }
}
