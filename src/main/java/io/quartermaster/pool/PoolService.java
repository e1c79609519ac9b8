package io.quartermaster.pool;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.error.BadRequestException;
import io.quartermaster.error.ConflictException;
import io.quartermaster.error.NotFoundException;
import io.quartermaster.flavor.FlavorCatalog;
import io.quartermaster.identity.Caller;
import io.quartermaster.order.NewOrder;
import io.quartermaster.order.OrderDraft;
import io.quartermaster.order.OrderNames;
import io.quartermaster.order.OrderOperation;
import io.quartermaster.order.OrderPlacement;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Creating and reading pools; every change of nodes goes through an order. */
public final class PoolService {

  private final Jdbi jdbi;
  private final PoolDao pools = new PoolDao();
  private final NodeDao nodes = new NodeDao();
  private final PoolRequestParser parser;
  private final OrderPlanner planner;
  private final OrderPlacement placement;
  private final PoolConfig config;

  public PoolService(
      Jdbi jdbi,
      FlavorCatalog catalog,
      OrderNames names,
      OrderPlacement placement,
      PoolConfig config) {
    this.jdbi = jdbi;
    this.parser = new PoolRequestParser(catalog);
    this.planner = new OrderPlanner(catalog, names);
    this.placement = placement;
    this.config = config;
  }

  /** Creates a pool and places its {@code apply} order, in one transaction. */
  PoolView create(Caller caller, JsonNode body) {
    PoolRequest request = parser.parse(body);
    return jdbi.inTransaction(
        h -> {
          pools.lockProject(h, caller.projectId());
          if (pools.liveDisplayNameTaken(h, caller.projectId(), request.displayName())) {
            throw ConflictException.poolExists();
          }
          if (pools.livePools(h, caller.projectId()) >= config.maxPoolsPerProject()) {
            throw BadRequestException.quotaInsufficient(
                "number of pools of the project", config.maxPoolsPerProject());
          }
          int inUse = pools.requestedNodes(h, caller.projectId());
          if (inUse + request.nodeCount() > config.nodeQuota()) {
            throw BadRequestException.nodeQuota(config.nodeQuota(), inUse, request.nodeCount());
          }
          return insertWithOrder(h, caller, request);
        });
  }

  /**
   * Writes the pool's row once, already naming its order and in the phase the order gives it, and
   * then the order that references it.
   */
  private PoolView insertWithOrder(Handle h, Caller caller, PoolRequest request) {
    UUID id = UUID.randomUUID();
    String name = request.displayName() + "-" + caller.projectId();
    OrderDraft order =
        placement.draft(
            h,
            new NewOrder(
                caller.projectId(),
                id,
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
    PoolRow pool =
        new PoolRow(
            id,
            caller.projectId(),
            name,
            request.displayName(),
            request.workspaceId(),
            PoolLifecycle.firstPhase(order),
            order.waitingMessage(),
            PoolManifests.withOrder(request.manifest(), caller.projectId(), order),
            order.placedAt(),
            Optional.empty(),
            Optional.empty());
    pools.insert(h, pool);
    placement.place(h, order);
    return PoolView.load(h, nodes, pool);
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
