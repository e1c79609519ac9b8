package io.quartermaster.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.pool.PoolLifecycle;
import io.quartermaster.pool.PoolRow;
import io.quartermaster.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Orders are kept {@code QM_ORDER_RETENTION} (90 days) after they were placed, then purged with
 * their items and events by the recurring {@code purge-old-orders} job; deleted pools go once no
 * order names them any more.
 */
class OrderRetentionTest {

  private static final Duration RETENTION = Duration.ofDays(90);

  private final TestServer server = TestServer.get();
  private final OrderFixtures fixtures = new OrderFixtures(server.jdbi());
  private final String projectId = OrderFixtures.randomProjectId();
  private final Instant now = server.clock().instant();

  @AfterEach
  void putTheClockBack() {
    server.clock().reset();
  }

  private OrderRetention retention() {
    return new OrderRetention(server.jdbi(), new PoolLifecycle(), RETENTION, 2, server.clock());
  }

  @Test
  void finishedOrdersOlderThanTheRetentionGoWithTheirItemsEventsAndDeletedPools() {
    Instant old = now.minus(RETENTION).plus(Duration.ofDays(1));
    // A deleted pool whose orders are all old.
    PoolRow gone = fixtures.pool(projectId, "pool-gone", "0", old);
    var goneApply = fixtures.order(gone, old).insert();
    var goneDelete =
        fixtures.order(gone, old.plusSeconds(60)).operation("delete", null, "[]").insert();
    fixtures.markDeleted(gone, old.plusSeconds(120));
    // A live pool with an old finished order and an old order that never finished.
    PoolRow live = fixtures.pool(projectId, "pool-live", "0", old);
    var liveOld = fixtures.order(live, old).failed("Capacity exhausted.").insert();
    var stuck = fixtures.order(live, old.plusSeconds(1)).phase("processing").insert();
    // A deleted pool still named by a recent order.
    PoolRow recent = fixtures.pool(projectId, "pool-recent", "0", now);
    var recentOrder = fixtures.order(recent, now.minus(Duration.ofDays(10))).insert();
    fixtures.markDeleted(recent, now.minus(Duration.ofDays(9)));
    for (var order : List.of(goneApply, goneDelete, liveOld, stuck, recentOrder)) {
      fixtures.items(order, PlannedItem.pool(ItemAction.CREATE_POOL, "pool"));
      fixtures.item(order, 0, ItemStatus.SUCCEED, null, order.createdAt(), now);
      event(order);
    }

    // Not old enough yet.
    retention().purge();
    assertEquals(
        List.of(goneApply.id(), goneDelete.id(), liveOld.id(), stuck.id(), recentOrder.id()),
        orderIds());

    server.clock().advance(Duration.ofDays(2));
    OrderRetention.Purged purged = retention().purge();
    server.clock().reset();

    assertTrue(purged.orders() >= 3 && purged.pools() >= 1, purged::toString);
    assertEquals(List.of(stuck.id(), recentOrder.id()), orderIds());
    assertEquals(List.of(stuck.orderName(), recentOrder.orderName()), eventOrderNames());
    // Event streams refuse to resume from before the highest event number purged (410).
    assertEquals(
        3,
        count(
            "select purged_through from order_event_horizons where project_id = '"
                + projectId
                + "'"));
    assertEquals(0, count("select count(*) from order_items where order_id = " + goneApply.id()));
    assertEquals(List.of(live.id(), recent.id()), poolIds());
  }

  @Test
  void bothHousekeepingJobsAreRegisteredWithTheEngine() {
    List<String> jobs =
        server
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            """
                            select task_name from scheduled_tasks
                            where task_name in ('expire-pending-orders', 'purge-old-orders')
                            order by task_name
                            """)
                        .mapTo(String.class)
                        .list());
    assertEquals(List.of("expire-pending-orders", "purge-old-orders"), jobs);
  }

  private void event(OrderFixtures.Inserted order) {
    server
        .jdbi()
        .useTransaction(
            h ->
                new OrderEventLog()
                    .append(
                        h,
                        projectId,
                        order.orderName(),
                        "order.placed",
                        Map.of("phase", "pending"),
                        order.createdAt()));
  }

  private List<Long> orderIds() {
    return server
        .jdbi()
        .withHandle(
            h ->
                h.createQuery("select id from orders where project_id = :p order by id")
                    .bind("p", projectId)
                    .mapTo(Long.class)
                    .list());
  }

  private List<String> eventOrderNames() {
    return server
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "select order_name from order_events where project_id = :p order by seq")
                    .bind("p", projectId)
                    .mapTo(String.class)
                    .list());
  }

  private List<UUID> poolIds() {
    return server
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "select id from pools where project_id = :p order by created_at, name")
                    .bind("p", projectId)
                    .mapTo(UUID.class)
                    .list());
  }

  private int count(String sql) {
    return server.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
  }
}
