package io.quartermaster.pool;

import io.quartermaster.db.Sql;
import io.quartermaster.flavor.FlavorCount;
import io.quartermaster.order.ItemAction;
import io.quartermaster.order.PlannedItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** SQL for the nodes of pools, and the node counts that pool status and orders report. */
final class NodeDao {

  /** Records a provisioned node; recording it again (a replay after a crash) changes nothing. */
  void insert(Handle h, UUID poolId, String name, String flavor, String az, Instant now) {
    h.createUpdate(
            """
            insert into nodes (pool_id, name, flavor, az, created_at)
            values (:poolId, :name, :flavor, :az, :now)
            on conflict (pool_id, name) do nothing
            """)
        .bind("poolId", poolId)
        .bind("name", name)
        .bind("flavor", flavor)
        .bind("az", az)
        .bind("now", Sql.timestamp(now))
        .execute();
  }

  /** Records provisioned nodes in one statement; as {@link #insert}, again changes nothing. */
  void insertAll(Handle h, UUID poolId, List<PlannedItem> created, Instant now) {
    if (created.isEmpty()) {
      return;
    }
    h.createUpdate(
            """
            insert into nodes (pool_id, name, flavor, az, created_at)
            select :poolId, n.name, n.flavor, n.az, :now
            from unnest(cast(:names as text[]), cast(:flavors as text[]), cast(:azs as text[]))
              as n(name, flavor, az)
            on conflict (pool_id, name) do nothing
            """)
        .bind("poolId", poolId)
        .bind("names", created.stream().map(PlannedItem::resourceName).toArray(String[]::new))
        .bind("flavors", created.stream().map(i -> i.flavor().orElseThrow()).toArray(String[]::new))
        .bind("azs", created.stream().map(i -> i.az().orElseThrow()).toArray(String[]::new))
        .bind("now", Sql.timestamp(now))
        .execute();
  }

  void delete(Handle h, UUID poolId, String name) {
    h.createUpdate("delete from nodes where pool_id = :poolId and name = :name")
        .bind("poolId", poolId)
        .bind("name", name)
        .execute();
  }

  /** The pool's nodes, oldest first. */
  List<NodeRow> list(Handle h, UUID poolId) {
    return h.createQuery(
            """
            select name, flavor, az, created_at from nodes where pool_id = :poolId
            order by created_at, name
            """)
        .bind("poolId", poolId)
        .map(
            (rs, ctx) ->
                new NodeRow(
                    rs.getString("name"),
                    rs.getString("flavor"),
                    rs.getString("az"),
                    Sql.instant(rs, "created_at")))
        .list();
  }

  /** Names of nodes that the pool's unfinished order is creating or deleting right now. */
  Map<String, ItemAction> changing(Handle h, UUID poolId) {
    Map<String, ItemAction> actions = new LinkedHashMap<>();
    h.createQuery(
            """
            select i.resource_name, i.action
            from orders o join order_items i on i.order_id = o.id
            where o.pool_id = :poolId and o.phase = 'processing'
              and i.status in ('planned', 'processing')
              and i.action in ('createNode', 'deleteNode')
            """)
        .bind("poolId", poolId)
        .map(
            (rs, ctx) ->
                Map.entry(
                    rs.getString("resource_name"), ItemAction.fromWire(rs.getString("action"))))
        .forEach(e -> actions.put(e.getKey(), e.getValue()));
    return actions;
  }

  /** The pool's nodes per flavor and AZ, as PoolResourceFlavorCount (maxCount = count). */
  List<FlavorCount> counts(Handle h, UUID poolId) {
    return counts(h, List.of(poolId)).getOrDefault(poolId, List.of());
  }

  /** The nodes of each pool per flavor and AZ, in one query; pools without nodes are absent. */
  Map<UUID, List<FlavorCount>> counts(Handle h, Collection<UUID> poolIds) {
    List<PoolFlavorAzCount> rows =
        h.createQuery(
                """
                select pool_id, flavor, az, count(*) as n from nodes
                where pool_id = any(:poolIds)
                group by pool_id, flavor, az order by flavor, az
                """)
            .bind("poolIds", poolIds.toArray(new UUID[0]))
            .map(
                (rs, ctx) ->
                    new PoolFlavorAzCount(
                        rs.getObject("pool_id", UUID.class),
                        new FlavorAzCount(
                            rs.getString("flavor"), rs.getString("az"), rs.getInt("n"))))
            .list();
    Map<UUID, List<FlavorAzCount>> byPool = new LinkedHashMap<>();
    rows.forEach(r -> byPool.computeIfAbsent(r.poolId(), k -> new ArrayList<>()).add(r.count()));
    Map<UUID, List<FlavorCount>> result = new LinkedHashMap<>();
    byPool.forEach((pool, counts) -> result.put(pool, group(counts)));
    return result;
  }

  /**
   * Nodes of the pools' unfinished orders that are still to be created or deleted, per pool, for
   * {@code status.resources.creating} and {@code deleting}.
   */
  Map<UUID, Map<ItemAction, List<FlavorCount>>> inFlight(Handle h, Collection<UUID> poolIds) {
    List<InFlightRow> rows =
        h.createQuery(
                """
                select o.pool_id, i.action, i.flavor, i.az, count(*) as n
                from orders o join order_items i on i.order_id = o.id
                where o.pool_id = any(:poolIds) and o.phase in ('pending', 'processing')
                  and i.status in ('planned', 'processing')
                  and i.action in ('createNode', 'deleteNode')
                group by o.pool_id, i.action, i.flavor, i.az
                order by i.flavor, i.az
                """)
            .bind("poolIds", poolIds.toArray(new UUID[0]))
            .map(
                (rs, ctx) ->
                    new InFlightRow(
                        rs.getObject("pool_id", UUID.class),
                        ItemAction.fromWire(rs.getString("action")),
                        new FlavorAzCount(
                            rs.getString("flavor"), rs.getString("az"), rs.getInt("n"))))
            .list();
    Map<UUID, Map<ItemAction, List<FlavorAzCount>>> raw = new LinkedHashMap<>();
    rows.forEach(
        r ->
            raw.computeIfAbsent(r.poolId(), k -> new LinkedHashMap<>())
                .computeIfAbsent(r.action(), k -> new ArrayList<>())
                .add(r.count()));
    Map<UUID, Map<ItemAction, List<FlavorCount>>> result = new LinkedHashMap<>();
    raw.forEach(
        (pool, byAction) -> {
          Map<ItemAction, List<FlavorCount>> grouped = new java.util.EnumMap<>(ItemAction.class);
          byAction.forEach((action, counts) -> grouped.put(action, group(counts)));
          result.put(pool, grouped);
        });
    return result;
  }

  /** {@code nodes} per flavor and AZ, as PoolResourceFlavorCount (maxCount = count). */
  static List<FlavorCount> countsOf(List<NodeRow> nodes) {
    Map<List<String>, Integer> counts = new LinkedHashMap<>();
    nodes.stream()
        .sorted(java.util.Comparator.comparing(NodeRow::flavor).thenComparing(NodeRow::az))
        .forEach(n -> counts.merge(List.of(n.flavor(), n.az()), 1, Integer::sum));
    List<FlavorAzCount> rows = new ArrayList<>();
    counts.forEach((key, n) -> rows.add(new FlavorAzCount(key.get(0), key.get(1), n)));
    return group(rows);
  }

  private record FlavorAzCount(String flavor, String az, int count) {}

  private record PoolFlavorAzCount(UUID poolId, FlavorAzCount count) {}

  private record InFlightRow(UUID poolId, ItemAction action, FlavorAzCount count) {}

  private static List<FlavorCount> group(List<FlavorAzCount> rows) {
    Map<String, List<FlavorCount.AzCount>> byFlavor = new LinkedHashMap<>();
    rows.forEach(
        r ->
            byFlavor
                .computeIfAbsent(r.flavor(), k -> new ArrayList<>())
                .add(new FlavorCount.AzCount(r.az(), r.count())));
    List<FlavorCount> result = new ArrayList<>();
    byFlavor.forEach(
        (flavor, azs) -> {
          int total = azs.stream().mapToInt(FlavorCount.AzCount::count).sum();
          result.add(new FlavorCount(flavor, total, total, azs));
        });
    return List.copyOf(result);
  }
}
