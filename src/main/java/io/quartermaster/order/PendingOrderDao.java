package io.quartermaster.order;

import io.quartermaster.db.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The SQL of settling pending orders: paying, approving, cancelling, rejecting and expiring them.
 * Each change is conditional on the order still being pending, and the callers hold the order's row
 * lock, so two actors racing for one order cannot both win.
 */
final class PendingOrderDao {

  private static final String COLUMNS =
      """
      select id, project_id, order_name, pool_id, operation, phase, awaiting_payment,
             awaiting_approval, created_at
      """;

  /**
   * The order named {@code nameOrId} (its orderName or orderId) in {@code projectId}, locked until
   * the transaction ends. An exact orderName wins over an orderId, as in ShowOrder.
   */
  Optional<PendingOrderRow> lock(Handle h, String projectId, String nameOrId) {
    return h.createQuery(
            COLUMNS
                + """
                from orders
                where project_id = :projectId and (order_name = :name or order_id = :name)
                order by order_name = :name desc
                limit 1
                for update
                """)
        .bind("projectId", projectId)
        .bind("name", nameOrId)
        .map(PendingOrderDao::row)
        .findOne();
  }

  /**
   * Up to {@code limit} orders pending since before {@code cutoff}, oldest first, locked. Orders
   * another transaction holds (being paid right now, or taken by another sweeper) are skipped
   * rather than waited for; the next sweep sees them again if they are still pending.
   */
  List<PendingOrderRow> lockExpired(Handle h, Instant cutoff, int limit) {
    return h.createQuery(
            COLUMNS
                + """
                from orders
                where phase = 'pending' and created_at < :cutoff
                order by created_at
                limit :limit
                for update skip locked
                """)
        .bind("cutoff", Sql.timestamp(cutoff))
        .bind("limit", limit)
        .map(PendingOrderDao::row)
        .list();
  }

  /**
   * Records a payment. The order stays pending while it still awaits approval and is handed over to
   * processing otherwise, in one statement, so that no pending order ever awaits nothing.
   */
  void markPaid(Handle h, long id, Instant now) {
    update(
        h,
        """
        update orders set awaiting_payment = false, paid_at = :now,
          phase = case when awaiting_approval then 'pending' else 'processing' end,
          version = version + 1
        where id = :id and phase = 'pending' and awaiting_payment
        """,
        id,
        now);
  }

  /** Records an approval; as {@link #markPaid}, the order proceeds unless payment is awaited. */
  void markApproved(Handle h, long id, Instant now) {
    update(
        h,
        """
        update orders set awaiting_approval = false, approved_at = :now,
          phase = case when awaiting_payment then 'pending' else 'processing' end,
          version = version + 1
        where id = :id and phase = 'pending' and awaiting_approval
        """,
        id,
        now);
  }

  /** Fails a pending order; it never began processing, so it has no begin time. */
  void fail(Handle h, long id, String reason, Instant now) {
    int changed =
        h.createUpdate(
                """
                update orders set phase = 'failed', fail_reason = :reason, end_at = :now,
                  version = version + 1
                where id = :id and phase = 'pending'
                """)
            .bind("id", id)
            .bind("reason", reason)
            .bind("now", Sql.timestamp(now))
            .execute();
    requireOne(changed, id);
  }

  private static void update(Handle h, String sql, long id, Instant now) {
    int changed = h.createUpdate(sql).bind("id", id).bind("now", Sql.timestamp(now)).execute();
    requireOne(changed, id);
  }

  /** The caller checked the state under the row lock; a miss here is a bug, not a race lost. */
  private static void requireOne(int changed, long id) {
    if (changed != 1) {
      throw new IllegalStateException("order " + id + " was not in the state its lock showed");
    }
  }

  private static PendingOrderRow row(ResultSet rs, StatementContext ctx) throws SQLException {
    return new PendingOrderRow(
        rs.getLong("id"),
        rs.getString("project_id"),
        rs.getString("order_name"),
        rs.getObject("pool_id", UUID.class),
        OrderOperation.fromWire(rs.getString("operation")),
        OrderPhase.fromWire(rs.getString("phase")),
        new Awaiting(rs.getBoolean("awaiting_payment"), rs.getBoolean("awaiting_approval")),
        Sql.instant(rs, "created_at"));
  }
}
