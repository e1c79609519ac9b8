package io.quartermaster.order;

import io.quartermaster.db.Sql;
import io.quartermaster.flavor.FlavorCount;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The write side of the orders aggregate: placing orders and moving them and their items through
 * their lifecycle. Every transition is conditional on the state it leaves, so a transition that
 * lost a race changes nothing and says so (returns false).
 */
final class OrderLifecycleDao {

  boolean orderNameTaken(Handle h, String projectId, String orderName) {
    return h.createQuery(
            "select exists (select 1 from orders where project_id = :p and order_name = :n)")
        .bind("p", projectId)
        .bind("n", orderName)
        .mapTo(Boolean.class)
        .one();
  }

  boolean orderIdTaken(Handle h, String orderId) {
    return h.createQuery("select exists (select 1 from orders where order_id = :id)")
        .bind("id", orderId)
        .mapTo(Boolean.class)
        .one();
  }

  /** The unfinished order of a pool, if any. */
  Optional<String> unfinishedOrderName(Handle h, UUID poolId) {
    return h.createQuery(
            """
            select order_name from orders
            where pool_id = :poolId and phase in ('pending', 'processing')
            """)
        .bind("poolId", poolId)
        .mapTo(String.class)
        .findOne();
  }

  /** Writes a drafted order as {@code pending} or {@code processing}; answers its surrogate key. */
  long insert(Handle h, OrderDraft draft) {
    NewOrder order = draft.order();
    Awaiting awaiting = draft.awaiting();
    return h.createQuery(
            """
            insert into orders (project_id, order_name, order_id, pool_id, resource_name,
              resource_display_name, workspace_id, operation, phase, billing_mode, period_type,
              period_num, init_count, spec_count, result_count, created_by_user_id,
              created_by_user_name, created_at, awaiting_payment, awaiting_approval)
            values (:projectId, :orderName, :orderId, :poolId, :resourceName,
              :displayName, :workspaceId, :operation, :phase, :billingMode, :periodType,
              :periodNum, cast(:initCount as jsonb), cast(:specCount as jsonb),
              cast(:resultCount as jsonb), :userId, :userName, :createdAt, :awaitingPayment,
              :awaitingApproval)
            returning id
            """)
        .bind("projectId", order.projectId())
        .bind("orderName", draft.orderName())
        .bind("orderId", draft.orderId())
        .bind("poolId", order.poolId())
        .bind("resourceName", order.resourceName())
        .bind("displayName", order.resourceDisplayName())
        .bind("workspaceId", order.workspaceId())
        .bind("operation", order.operation().wire())
        .bind("phase", draft.phase().wire())
        .bind("billingMode", order.billing().mode())
        .bind("periodType", order.billing().periodType().orElse(null))
        .bind("periodNum", order.billing().periodNum().orElse(null))
        .bind("initCount", order.initCount().map(Sql::json).orElse(null))
        .bind("specCount", Sql.json(order.specCount()))
        .bind("resultCount", Sql.json(order.resultCount()))
        .bind("userId", order.placedBy().userId())
        .bind("userName", order.placedBy().userName())
        .bind("createdAt", Sql.timestamp(draft.placedAt()))
        .bind("awaitingPayment", awaiting.payment())
        .bind("awaitingApproval", awaiting.approval())
        .mapTo(Long.class)
        .one();
  }

  void insertItems(Handle h, long orderId, List<PlannedItem> items) {
    PreparedBatch batch =
        h.prepareBatch(
            """
            insert into order_items (order_id, seq, action, resource_name, flavor, az, status)
            values (:orderId, :seq, :action, :resourceName, :flavor, :az, 'planned')
            """);
    for (int seq = 0; seq < items.size(); seq++) {
      PlannedItem item = items.get(seq);
      batch
          .bind("orderId", orderId)
          .bind("seq", seq)
          .bind("action", item.action().wire())
          .bind("resourceName", item.resourceName())
          .bind("flavor", item.flavor().orElse(null))
          .bind("az", item.az().orElse(null))
          .add();
    }
    batch.execute();
  }

  Optional<RunnableOrder> findRunnable(Handle h, long id) {
    return h.createQuery(
            """
            select id, project_id, order_name, order_id, pool_id, resource_name, operation, phase
            from orders where id = :id
            """)
        .bind("id", id)
        .map(
            (rs, ctx) ->
                new RunnableOrder(
                    rs.getLong("id"),
                    rs.getString("project_id"),
                    rs.getString("order_name"),
                    rs.getString("order_id"),
                    rs.getObject("pool_id", UUID.class),
                    rs.getString("resource_name"),
                    OrderOperation.fromWire(rs.getString("operation")),
                    OrderPhase.fromWire(rs.getString("phase"))))
        .findOne();
  }

  List<OrderItemRow> items(Handle h, long orderId) {
    return h.createQuery(
            """
            select seq, action, resource_name, flavor, az, status
            from order_items where order_id = :orderId order by seq
            """)
        .bind("orderId", orderId)
        .map(
            (rs, ctx) ->
                new OrderItemRow(
                    rs.getInt("seq"),
                    ItemAction.fromWire(rs.getString("action")),
                    rs.getString("resource_name"),
                    Optional.ofNullable(rs.getString("flavor")),
                    Optional.ofNullable(rs.getString("az")),
                    ItemStatus.fromWire(rs.getString("status"))))
        .list();
  }

  /** Records when processing began; only the first call counts. */
  boolean markBegun(Handle h, long id, Instant now) {
    return h.createUpdate(
                """
                update orders set begin_at = :now, version = version + 1
                where id = :id and phase = 'processing' and begin_at is null
                """)
            .bind("id", id)
            .bind("now", Sql.timestamp(now))
            .execute()
        == 1;
  }

  /** Holds the order's row until the transaction ends, for steps that must not interleave. */
  void lockForSettling(Handle h, long id) {
    h.createQuery("select id from orders where id = :id for update")
        .bind("id", id)
        .mapTo(Long.class)
        .findOne();
  }

  /** Marks the planned items among {@code seqs} processing; answers those it marked. */
  List<Integer> startItems(Handle h, long orderId, List<Integer> seqs, Instant now) {
    return h.createQuery(
            """
            update order_items set status = 'processing', begin_at = :now, updated_at = :now
            where order_id = :orderId and seq = any(cast(:seqs as int[])) and status = 'planned'
            returning seq
            """)
        .bind("orderId", orderId)
        .bind("seqs", seqs.toArray(Integer[]::new))
        .bind("now", Sql.timestamp(now))
        .mapTo(Integer.class)
        .list();
  }

  /** Settles the processing items among {@code settle} in one statement; answers their seqs. */
  List<Integer> finishItems(Handle h, long orderId, List<ItemSettlement> settle, Instant now) {
    return h.createQuery(
            """
            update order_items i
            set status = u.status, message = u.message, updated_at = :now
            from unnest(cast(:seqs as int[]), cast(:statuses as text[]),
                        cast(:messages as text[])) as u(seq, status, message)
            where i.order_id = :orderId and i.seq = u.seq and i.status = 'processing'
            returning i.seq
            """)
        .bind("orderId", orderId)
        .bind("seqs", settle.stream().map(s -> s.item().seq()).toArray(Integer[]::new))
        .bind("statuses", settle.stream().map(s -> s.status().wire()).toArray(String[]::new))
        .bind("messages", settle.stream().map(s -> s.message().orElse(null)).toArray(String[]::new))
        .bind("now", Sql.timestamp(now))
        .mapTo(Integer.class)
        .list();
  }

  boolean startItem(Handle h, long orderId, int seq, Instant now) {
    return h.createUpdate(
                """
                update order_items set status = 'processing', begin_at = :now, updated_at = :now
                where order_id = :orderId and seq = :seq and status = 'planned'
                """)
            .bind("orderId", orderId)
            .bind("seq", seq)
            .bind("now", Sql.timestamp(now))
            .execute()
        == 1;
  }

  boolean finishItem(
      Handle h, long orderId, int seq, ItemStatus status, Optional<String> message, Instant now) {
    return h.createUpdate(
                """
                update order_items set status = :status, message = :message, updated_at = :now
                where order_id = :orderId and seq = :seq and status = 'processing'
                """)
            .bind("orderId", orderId)
            .bind("seq", seq)
            .bind("status", status.wire())
            .bind("message", message.orElse(null))
            .bind("now", Sql.timestamp(now))
            .execute()
        == 1;
  }

  void updateResultCount(Handle h, long id, List<FlavorCount> resultCount) {
    h.createUpdate(
            """
            update orders set result_count = cast(:resultCount as jsonb), version = version + 1
            where id = :id
            """)
        .bind("id", id)
        .bind("resultCount", Sql.json(resultCount))
        .execute();
  }

  /** Ends a processing order as {@code successed} or {@code failed}. */
  boolean finish(Handle h, long id, OrderPhase phase, Optional<String> failReason, Instant now) {
    return h.createUpdate(
                """
                update orders
                set phase = :phase, fail_reason = :failReason, end_at = :now,
                    begin_at = coalesce(begin_at, :now), version = version + 1
                where id = :id and phase = 'processing'
                """)
            .bind("id", id)
            .bind("phase", phase.wire())
            .bind("failReason", failReason.orElse(null))
            .bind("now", Sql.timestamp(now))
            .execute()
        == 1;
  }

  /**
   * Deletes up to {@code limit} finished orders placed before {@code cutoff}, oldest first, with
   * their events (their items go by cascade); returns how many. Orders locked by someone else are
   * left for the next batch.
   */
  int purgeFinishedBefore(Handle h, Instant cutoff, int limit) {
    return h.createUpdate(
            """
            with doomed as (
              select id, project_id, order_name from orders
              where created_at < :cutoff and phase in ('successed', 'failed')
              order by created_at
              limit :limit
              for update skip locked
            ), purged_events as (
              delete from order_events e using doomed d
              where e.project_id = d.project_id and e.order_name = d.order_name
            )
            delete from orders o using doomed d where o.id = d.id
            """)
        .bind("cutoff", Sql.timestamp(cutoff))
        .bind("limit", limit)
        .execute();
  }
}
