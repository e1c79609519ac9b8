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
        settlesSorted(running.eventKinds(succeeded)));
    assertEquals(
        expected(running, failed, List.of("order.placed", "order.processing"), "order.failed"),
        settlesSorted(running.eventKinds(failed)));
    assertEquals(
        expected(running, deleted, List.of("order.placed", "order.processing"), "order.successed"),
        settlesSorted(running.eventKinds(deleted)));
    assertEquals(
        expected(
            running,
            settled,
            List.of("order.placed", "order.paid", "order.approved", "order.processing"),
            "order.successed"),
        settlesSorted(running.eventKinds(settled)));
    assertEquals(
        List.of("order.placed", "order.rejected", "order.failed"),
        settlesSorted(refused.eventKinds(rejected)));
    assertEquals(
        List.of("order.placed", "order.cancelled", "order.failed"),
        settlesSorted(refused.eventKinds(cancelled)));
    assertEquals(
        List.of("order.placed", "order.expired", "order.failed"),
        settlesSorted(refused.eventKinds(expired)));
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
   * The events an order that ran should have: {@code before}, then for each stage of its items, in
   * item order, their starts and their outcomes as stored (a pool item is a stage of its own, the
   * node items between pool items one stage, all begun together), then {@code last}.
   */
  private static List<String> expected(
      OrderWorld world, Placed order, List<String> before, String last) {
    List<String> kinds = new ArrayList<>(before);
    List<Map<String, Object>> items =
        world
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            """
                            select action, status from order_items
                            where order_id = :id and status <> 'planned' order by seq
                            """)
                        .bind("id", order.id())
                        .mapToMap()
                        .list());
    List<String> nodes = new ArrayList<>();
    for (Map<String, Object> item : items) {
      String status = "item." + item.get("status");
      if (item.get("action").toString().endsWith("Node")) {
        nodes.add(status);
        continue;
      }
      addStage(kinds, nodes);
      nodes.clear();
      addStage(kinds, List.of(status));
    }
    addStage(kinds, nodes);
    kinds.add(last);
    return settlesSorted(kinds);
  }

  private static void addStage(List<String> kinds, List<String> outcomes) {
    outcomes.forEach(o -> kinds.add("item.processing"));
    kinds.addAll(outcomes);
  }

  /**
   * {@code kinds} with each run of item events sorted: the node items of a stage begin and settle
   * as slots free up and the provider answers, in an order the log does not promise (that each item
   * begins once and settles once after is {@code ParallelItemsTest}'s concern).
   */
  private static List<String> settlesSorted(List<String> kinds) {
    List<String> sorted = new ArrayList<>();
    List<String> run = new ArrayList<>();
    for (String kind : kinds) {
      if (kind.startsWith("item.")) {
        run.add(kind);
        continue;
      }
      run.sort(null);
      sorted.addAll(run);
      run.clear();
      sorted.add(kind);
    }
    run.sort(null);
    sorted.addAll(run);
    return sorted;
  }
}
