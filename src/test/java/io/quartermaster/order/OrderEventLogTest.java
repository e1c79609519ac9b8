package io.quartermaster.order;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quartermaster.order.OrderWorld.Placed;
import io.quartermaster.pool.PoolLifecycle;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The event log of a project ({@code order_events}) numbers its events 1, 2, 3… without gaps and
 * holds one event for every change of every order and item, whatever made the change: the engine, a
 * payment, an approval, a rejection, a cancellation or the expiry job.
 */
class OrderEventLogTest {

  private static final String SMALL_CPU = "modelarts.vm.cpu.2u.d";

  private final TestServer server = TestServer.get();

  @AfterEach
  void putTheClockBack() {
    server.clock().reset();
  }

  @Test
  void everyChangeOfEveryOrderIsLoggedInOrderWithoutGaps() {
    OrderWorld running = new OrderWorld();
    Placed succeeded = running.create(Pools.CPU, 2, false);
    Placed failed =
        running.create(TestServer.scarceFlavor(), TestServer.SCARCE_CAPACITY + 1, false);
    Placed settled = running.create(SMALL_CPU, TestServer.APPROVAL_THRESHOLD + 1, true);
    assertEquals(200, running.act(running.tenant.member(), settled, "pay").status());
    assertEquals(200, running.act(running.tenant.admin(), settled, "approve").status());
    running.awaitOrder(succeeded, "successed");
    running.awaitOrder(failed, "failed");
    running.awaitOrder(settled, "successed");
    // Deleting the failed pool puts a delete order, and its items, in the log too.
    assertEquals(
        200,
        running.tenant.member().delete(running.poolsPath() + "/" + failed.poolName()).status());
    Placed deleted = running.latestOrder(failed.display());
    running.awaitOrder(deleted, "successed");

    OrderWorld refused = new OrderWorld();
    Placed rejected = refused.create(SMALL_CPU, TestServer.APPROVAL_THRESHOLD + 1, false);
    Map<String, String> reason = Map.of("reason", "Not this quarter.");
    assertEquals(200, refused.reject(refused.tenant.admin(), rejected, reason).status());
    Placed cancelled = refused.create(Pools.CPU, 1, true);
    assertEquals(200, refused.act(refused.tenant.member(), cancelled, "cancel").status());
    Placed expired = refused.create(Pools.CPU, 1, true);
    server.clock().advance(Duration.ofDays(8));
    new OrderExpiry(server.jdbi(), new PoolLifecycle(), Duration.ofDays(7), 100, server.clock())
        .expireDue();
    server.clock().reset();

    assertGapFree(running);
    assertGapFree(refused);
    assertEquals(
        expected(
            running, succeeded, List.of("order.placed", "order.processing"), "order.successed"),
        running.eventKinds(succeeded));
    assertEquals(
        expected(running, failed, List.of("order.placed", "order.processing"), "order.failed"),
        running.eventKinds(failed));
    assertEquals(
        expected(running, deleted, List.of("order.placed", "order.processing"), "order.successed"),
        running.eventKinds(deleted));
    assertEquals(
        expected(
            running,
            settled,
            List.of("order.placed", "order.paid", "order.approved", "order.processing"),
            "order.successed"),
        running.eventKinds(settled));
    assertEquals(
        List.of("order.placed", "order.rejected", "order.failed"), refused.eventKinds(rejected));
    assertEquals(
        List.of("order.placed", "order.cancelled", "order.failed"), refused.eventKinds(cancelled));
    assertEquals(
        List.of("order.placed", "order.expired", "order.failed"), refused.eventKinds(expired));
  }

  /** The project's events are numbered 1 to N. */
  private static void assertGapFree(OrderWorld world) {
    List<Long> seqs =
        world
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery("select seq from order_events where project_id = :p order by seq")
                        .bind("p", world.tenant.projectId())
                        .mapTo(Long.class)
                        .list());
    assertEquals(LongStream.rangeClosed(1, seqs.size()).boxed().toList(), seqs);
  }

  /**
   * The events an order that ran should have: {@code before}, then for each item that began, in
   * item order, its start and its outcome as stored, then {@code last}.
   */
  private static List<String> expected(
      OrderWorld world, Placed order, List<String> before, String last) {
    List<String> kinds = new ArrayList<>(before);
    List<String> statuses =
        world
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            """
                            select status from order_items
                            where order_id = :id and status <> 'planned' order by seq
                            """)
                        .bind("id", order.id())
                        .mapTo(String.class)
                        .list());
    for (String status : statuses) {
      kinds.add("item.processing");
      kinds.add("item." + status);
    }
    kinds.add(last);
    return kinds;
  }
}
