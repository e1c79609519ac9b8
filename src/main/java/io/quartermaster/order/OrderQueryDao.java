package io.quartermaster.order;

import io.quartermaster.db.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The read side of the orders aggregate: the SQL of ListOrders and ShowOrder. Its counterpart for
 * writes is {@link OrderLifecycleDao}.
 */
final class OrderQueryDao {

  /**
   * A statement and its named parameters, built from constant SQL fragments only. Kept as a value
   * so that the query-plan test can EXPLAIN exactly what the DAO runs.
   */
  record BoundSql(String sql, Map<String, Object> params) {
    BoundSql {
      params = Map.copyOf(params);
    }
  }

  private static final String ORDER_COLUMNS =
      """
      select id, order_name, order_id, resource_name, resource_display_name, workspace_id,
             operation, phase, billing_mode, period_type, period_num,
             init_count, spec_count, result_count, fail_reason,
             created_by_user_id, created_by_user_name, created_at, begin_at, end_at,
             xmin::text::bigint as row_xmin
      """;

  // The filters of ListOrders. Optional conditions are appended only when given, so that each
  // combination gets a plan of its own: "(:phase is null or phase = :phase)" would let a generic
  // plan ignore the name indexes.
  private static final String LIST_FILTER =
      """
      from orders
      where project_id = :projectId
        and workspace_id = :workspaceId
        and created_at between :since and :until
      """;
  static final String PHASE_FILTER = "  and phase = :phase\n";
  private static final String NAME_FILTER =
      "  and (resource_name = :name or resource_display_name = :name)\n";
  private static final String LIST_ORDER =
      """
      order by created_at desc, order_name
      limit :limit offset :offset
      """;

  // Keyset paging (markers, export): the rows after a position in ListOrders' order, on the same
  // indexes as the page. created_at is descending and order_name ascending, so no row comparison;
  // the plain "created_at <= :afterAt" is what lets the index scan start at the position instead
  // of reading (and dropping) every newer row first.
  private static final String AFTER_POSITION =
      """
        and created_at <= :afterAt
        and (created_at < :afterAt or order_name > :afterName)
      """;
  private static final String KEYSET_ORDER =
      """
      order by created_at desc, order_name
      limit :limit
      """;

  private static final String FIND_ORDER =
      ORDER_COLUMNS
          + """
          from orders
          where project_id = :projectId
            and (order_name = :name or order_id = :name)
          order by order_name = :name desc
          limit 1
          """;

  // ShowOrder in one statement: the order (by name before id, as FIND_ORDER) and its visible
  // items; one row with null item columns when it has none yet, no row when there is no order.
  // Planned items are the engine's to-do list, not yet part of the order's visible history.
  private static final String SHOW_ORDER =
      """
      with target as (
        select id from orders
        where project_id = :projectId
          and (order_name = :name or order_id = :name)
        order by order_name = :name desc
        limit 1
      )
      select target.id, i.seq, i.action, i.resource_name, i.status, i.message,
             i.begin_at, i.updated_at
      from target
      left join order_items i
        on i.order_id = target.id
       and i.status in ('processing', 'succeed', 'failed')
      order by i.begin_at, i.seq
      """;

  // A pool "exists" for involvedName while it is live, or deleted but still named by a retained
  // order (CONTRACT §2.1). The second half reads orders by the pool's names, on their indexes.
  private static final String POOL_KNOWN =
      """
      select exists (
               select 1 from pools
               where project_id = :projectId and deleted_at is null
                 and (name = :name or display_name = :name))
          or exists (
               select 1 from orders
               where project_id = :projectId
                 and (resource_name = :name or resource_display_name = :name))
      """;

  /** A page of a project's orders, rendered, and how many match the filters in all. */
  record OrderPage(long count, List<RenderedOrder> orders) {}

  /**
   * A page of the project's orders matching {@code query}, newest first, rendered through {@code
   * rendered}, with their total, read by one statement ({@link #pageAndCountSql}), so that page and
   * count see the same orders without a transaction around them.
   */
  OrderPage list(Handle h, String projectId, OrderListQuery query, RenderedOrders rendered) {
    BoundSql statement = pageAndCountSql(projectId, query);
    List<RenderedOrder> orders = new ArrayList<>(query.limit());
    long[] total = {0};
    h.createQuery(statement.sql())
        .bindMap(statement.params())
        .scanResultSet(
            (supplier, ctx) -> {
              ResultSet rs = supplier.get();
              while (rs.next()) {
                total[0] = rs.getLong("total");
                // The page is left-joined to one row, so an empty page still brings its total.
                long id = rs.getLong("id");
                if (!rs.wasNull()) {
                  // The other columns are decoded only for a row version not rendered yet.
                  orders.add(rendered.of(id, rs.getLong("row_xmin"), () -> orderRow(rs, ctx)));
                }
              }
              return null;
            });
    return new OrderPage(total[0], orders);
  }

  /**
   * Up to {@code limit} of the project's orders matching {@code query} that come after {@code
   * after} (from the first when empty), newest first; {@code query}'s limit and offset are not
   * used.
   */
  List<OrderRow> keysetPage(
      Handle h,
      String projectId,
      OrderListQuery query,
      Optional<ListMarkers.Position> after,
      int limit) {
    BoundSql page = keysetSql(projectId, query, after, limit);
    return h.createQuery(page.sql()).bindMap(page.params()).map(OrderQueryDao::orderRow).list();
  }

  /** How many of the project's orders match {@code query}'s filters. */
  long count(Handle h, String projectId, OrderListQuery query) {
    BoundSql count = countSql(projectId, query);
    return h.createQuery(count.sql()).bindMap(count.params()).mapTo(Long.class).one();
  }

  /** The order named {@code nameOrId} (its orderName or orderId) in {@code projectId}. */
  Optional<OrderRow> find(Handle h, String projectId, String nameOrId) {
    BoundSql find = findSql(projectId, nameOrId);
    return h.createQuery(find.sql()).bindMap(find.params()).map(OrderQueryDao::orderRow).findOne();
  }

  /**
   * The items that have begun of the order named {@code nameOrId} (its orderName or orderId) in
   * {@code projectId}, in the order they began; empty when there is no such order.
   */
  Optional<List<OrderItemProgressRow>> showItems(Handle h, String projectId, String nameOrId) {
    BoundSql show = showSql(projectId, nameOrId);
    return h.createQuery(show.sql())
        .bindMap(show.params())
        .scanResultSet(
            (supplier, ctx) -> {
              ResultSet rs = supplier.get();
              if (!rs.next()) {
                return Optional.empty();
              }
              List<OrderItemProgressRow> items = new ArrayList<>();
              do {
                rs.getInt("seq");
                if (!rs.wasNull()) {
                  items.add(itemRow(rs, ctx));
                }
              } while (rs.next());
              return Optional.of(items);
            });
  }

  /** Whether {@code name} names a pool that ListOrders' involvedName may refer to. */
  boolean poolKnown(Handle h, String projectId, String name) {
    BoundSql known = poolKnownSql(projectId, name);
    return h.createQuery(known.sql()).bindMap(known.params()).mapTo(Boolean.class).one();
  }

  /**
   * The statements one ListOrders request by offset runs; for the benchmark's ceiling, which runs
   * them through pgbench.
   */
  List<BoundSql> requestSql(String projectId, OrderListQuery query) {
    return List.of(pageAndCountSql(projectId, query));
  }

  /**
   * The page and its total in one statement: one round trip and one snapshot. The count runs only
   * when the page does not settle it: a short page that is not past the end is the last one, so its
   * end is the count, and most projects' listings fit one page. PostgreSQL evaluates the count's
   * subquery (an InitPlan) only when the CASE reaches it, which the query-plan test shows as "never
   * executed".
   */
  BoundSql pageAndCountSql(String projectId, OrderListQuery query) {
    BoundSql page = listSql(projectId, query);
    BoundSql count = countSql(projectId, query);
    String sql =
        "with page as (\n"
            + page.sql()
            + ")\n"
            + """
            select page.*,
                   case when (select count(*) from page) < :limit
                             and (:offset = 0 or exists (select 1 from page))
                        then :offset + (select count(*) from page)
                        else (
            """
            + count.sql()
            + """
                        )
                   end as total
            from (values (1)) as one (x)
            left join page on true
            order by page.created_at desc, page.order_name
            """;
    Map<String, Object> params = new LinkedHashMap<>(page.params());
    params.putAll(count.params());
    return new BoundSql(sql, params);
  }

  BoundSql listSql(String projectId, OrderListQuery query) {
    Map<String, Object> params = filterParams(projectId, query);
    params.put("limit", query.limit());
    params.put("offset", query.offset());
    return new BoundSql(ORDER_COLUMNS + filterSql(query) + LIST_ORDER, params);
  }

  BoundSql keysetSql(
      String projectId, OrderListQuery query, Optional<ListMarkers.Position> after, int limit) {
    Map<String, Object> params = filterParams(projectId, query);
    params.put("limit", limit);
    after.ifPresent(
        position -> {
          params.put("afterAt", Sql.timestamp(position.createdAt()));
          params.put("afterName", position.orderName());
        });
    return new BoundSql(
        ORDER_COLUMNS + filterSql(query) + (after.isPresent() ? AFTER_POSITION : "") + KEYSET_ORDER,
        params);
  }

  /**
   * The count of ListOrders. Without involvedName it is read mostly from the per-day counts the
   * database keeps ({@link WindowCountSql}); with it the orders of one pool are counted on its name
   * indexes.
   */
  BoundSql countSql(String projectId, OrderListQuery query) {
    Map<String, Object> params = filterParams(projectId, query);
    if (query.involvedName().isPresent()) {
      return new BoundSql("select count(*)\n" + filterSql(query), params);
    }
    String sql =
        WindowCountSql.of(
            params, query.since(), query.until(), query.phase().isPresent(), Instant.now());
    return new BoundSql(sql, params);
  }

  BoundSql findSql(String projectId, String nameOrId) {
    return new BoundSql(FIND_ORDER, Map.of("projectId", projectId, "name", nameOrId));
  }

  BoundSql showSql(String projectId, String nameOrId) {
    return new BoundSql(SHOW_ORDER, Map.of("projectId", projectId, "name", nameOrId));
  }

  BoundSql poolKnownSql(String projectId, String name) {
    return new BoundSql(POOL_KNOWN, Map.of("projectId", projectId, "name", name));
  }

  private static String filterSql(OrderListQuery query) {
    return LIST_FILTER
        + (query.phase().isPresent() ? PHASE_FILTER : "")
        + (query.involvedName().isPresent() ? NAME_FILTER : "");
  }

  private static Map<String, Object> filterParams(String projectId, OrderListQuery query) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("projectId", projectId);
    params.put("workspaceId", query.workspaceId());
    params.put("since", Sql.timestamp(query.since()));
    params.put("until", Sql.timestamp(query.until()));
    query.phase().ifPresent(phase -> params.put("phase", phase.wire()));
    query.involvedName().ifPresent(name -> params.put("name", name));
    return params;
  }

  private static OrderRow orderRow(ResultSet rs, StatementContext ctx) throws SQLException {
    return new OrderRow(
        rs.getLong("id"),
        rs.getString("order_name"),
        rs.getString("order_id"),
        rs.getString("resource_name"),
        rs.getString("resource_display_name"),
        rs.getString("workspace_id"),
        OrderOperation.fromWire(rs.getString("operation")),
        OrderPhase.fromWire(rs.getString("phase")),
        rs.getString("billing_mode"),
        rs.getString("period_type"),
        rs.getString("period_num"),
        rs.getString("init_count"),
        rs.getString("spec_count"),
        rs.getString("result_count"),
        rs.getString("fail_reason"),
        rs.getString("created_by_user_id"),
        rs.getString("created_by_user_name"),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "begin_at"),
        Sql.instant(rs, "end_at"));
  }

  private static OrderItemProgressRow itemRow(ResultSet rs, StatementContext ctx)
      throws SQLException {
    return new OrderItemProgressRow(
        rs.getInt("seq"),
        ItemAction.fromWire(rs.getString("action")),
        rs.getString("resource_name"),
        ItemStatus.fromWire(rs.getString("status")),
        rs.getString("message"),
        Sql.instant(rs, "begin_at"),
        Sql.instant(rs, "updated_at"));
  }
}
