package io.quartermaster.event;

import io.quartermaster.db.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The SQL of the event streams: a project's log after a sequence number, the whole or one order's,
 * each event joined with its order and the order's progress as of that event.
 */
final class EventDao {

  /** An order a stream can follow: its name and its phase now. */
  record OrderRef(String orderName, String phase) {
    boolean finished() {
      return phase.equals("successed") || phase.equals("failed");
    }
  }

  // Progress and phase are computed as of each event from the order's own earlier events (on
  // order_events_by_order), so that a replay shows each step as it was, not as the order is now.
  private static final String EVENTS =
      """
      select e.seq, e.order_name, e.kind, e.payload, e.created_at,
             o.order_id, o.operation, o.resource_name, o.resource_display_name, o.workspace_id,
             o.created_at as order_created_at,
             (select count(*) from order_items i where i.order_id = o.id) as total_items,
             p.settled_items, p.failed_items, p.phase
      from order_events e
      join orders o on o.project_id = e.project_id and o.order_name = e.order_name
      cross join lateral (
        select count(*) filter (where h.kind in ('item.succeed', 'item.failed')) as settled_items,
               count(*) filter (where h.kind = 'item.failed') as failed_items,
               (array_agg(h.payload ->> 'phase' order by h.seq desc)
                  filter (where h.payload ->> 'phase' is not null))[1] as phase
        from order_events h
        where h.project_id = e.project_id and h.order_name = e.order_name and h.seq <= e.seq
      ) p
      where e.project_id = :projectId
        and e.seq > :after
      """;
  private static final String ONE_ORDER = "  and e.order_name = :orderName\n";
  private static final String IN_ORDER = "order by e.seq\nlimit :limit\n";

  /** Up to {@code limit} events of the project after {@code after}, oldest first. */
  List<EventRow> after(Handle h, String projectId, long after, int limit) {
    return h.createQuery(EVENTS + IN_ORDER)
        .bind("projectId", projectId)
        .bind("after", after)
        .bind("limit", limit)
        .map(EventDao::row)
        .list();
  }

  /** Up to {@code limit} events of one order after {@code after}, oldest first. */
  List<EventRow> afterForOrder(
      Handle h, String projectId, String orderName, long after, int limit) {
    return h.createQuery(EVENTS + ONE_ORDER + IN_ORDER)
        .bind("projectId", projectId)
        .bind("orderName", orderName)
        .bind("after", after)
        .bind("limit", limit)
        .map(EventDao::row)
        .list();
  }

  /** The number of the project's newest event; 0 before its first. */
  long newest(Handle h, String projectId) {
    return h.createQuery("select last_seq from order_event_counters where project_id = :p")
        .bind("p", projectId)
        .mapTo(Long.class)
        .findOne()
        .orElse(0L);
  }

  /** The highest number purged from the project's log by retention; 0 when nothing was. */
  long purgedThrough(Handle h, String projectId) {
    return h.createQuery("select purged_through from order_event_horizons where project_id = :p")
        .bind("p", projectId)
        .mapTo(Long.class)
        .findOne()
        .orElse(0L);
  }

  /** The order named {@code nameOrId} (its orderName or orderId), as ShowOrder finds it. */
  Optional<OrderRef> order(Handle h, String projectId, String nameOrId) {
    return h.createQuery(
            """
            select order_name, phase from orders
            where project_id = :projectId and (order_name = :name or order_id = :name)
            order by order_name = :name desc
            limit 1
            """)
        .bind("projectId", projectId)
        .bind("name", nameOrId)
        .map((rs, ctx) -> new OrderRef(rs.getString("order_name"), rs.getString("phase")))
        .findOne();
  }

  private static EventRow row(ResultSet rs, StatementContext ctx) throws SQLException {
    return new EventRow(
        rs.getLong("seq"),
        rs.getString("order_name"),
        rs.getString("kind"),
        Sql.jsonNode(rs, "payload"),
        Sql.instant(rs, "created_at"),
        rs.getString("order_id"),
        rs.getString("operation"),
        rs.getString("resource_name"),
        rs.getString("resource_display_name"),
        rs.getString("workspace_id"),
        Sql.instant(rs, "order_created_at"),
        rs.getInt("total_items"),
        rs.getInt("settled_items"),
        rs.getInt("failed_items"),
        rs.getString("phase"));
  }
}
