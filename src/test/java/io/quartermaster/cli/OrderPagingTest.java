package io.quartermaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.testing.QmCli;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code orders list} past ListOrders' 500-row offset bound. The orders are written straight into
 * the database (placing 1,203 through the engine would take an hour); three share each millisecond,
 * so that pages end inside a millisecond and the client must not lose or repeat one.
 */
class OrderPagingTest {

  private static final int ORDERS = 1203;
  private static final String POOL = "pool-many";
  private static final int SAME_MILLISECOND = 1100;
  private static final String COUNTS =
      "[{\"flavor\":\"modelarts.vm.cpu.8ud\",\"count\":1,\"maxCount\":1,\"azs\":[]}]";

  private static Tenant tenant;

  @TempDir Path home;

  @BeforeAll
  static void manyOrders() {
    TestServer server = TestServer.get();
    tenant = server.newTenant();
    UUID poolId = UUID.randomUUID();
    String counts = "[{\"flavor\":\"modelarts.vm.cpu.8ud\",\"count\":1,\"maxCount\":1,\"azs\":[]}]";
    server
        .jdbi()
        .useTransaction(
            h -> {
              h.createUpdate(
                      """
                      insert into pools (id, project_id, name, display_name, workspace_id, phase,
                                         manifest, created_at)
                      values (:id, :project, :name, :display, '0', 'Running', '{}'::jsonb,
                              now() - interval '2 hours')
                      """)
                  .bind("id", poolId)
                  .bind("project", tenant.projectId())
                  .bind("name", POOL + "-" + tenant.projectId())
                  .bind("display", POOL)
                  .execute();
              h.createUpdate(
                      """
                      insert into orders (project_id, order_name, order_id, pool_id, resource_name,
                          resource_display_name, workspace_id, operation, phase, billing_mode,
                          init_count, spec_count, result_count, created_at, begin_at, end_at)
                      select :project, 'order.pool-many-' || lpad(i::text, 5, '0'),
                          'CS2401010000' || lpad(i::text, 5, '0'), :pool, :name, 'pool-many', '0',
                          'modify', 'successed', '0', cast(:counts as jsonb),
                          cast(:counts as jsonb), cast(:counts as jsonb), at, at, at
                      from generate_series(1, :orders) as i,
                           lateral (select date_trunc('second', now()) - interval '1 hour'
                                         + (i / 3) * interval '1 millisecond' as at) t
                      """)
                  .bind("project", tenant.projectId())
                  .bind("pool", poolId)
                  .bind("name", POOL + "-" + tenant.projectId())
                  .bind("counts", counts)
                  .bind("orders", ORDERS)
                  .execute();
            });
  }

  private QmCli qm() {
    return QmCli.of(home).login(tenant.viewerName(), Tenant.PASSWORD, tenant.projectName());
  }

  @Test
  void allFollowsPagesPastTheOffsetBoundWithoutLosingOrRepeatingAnOrder() throws Exception {
    QmCli.Run all = qm().run("orders", "list", "--pool", POOL, "--all", "-o", "json");

    assertEquals(0, all.exit(), all.err());
    JsonNode listing = ClientJson.mapper().readTree(all.out());
    assertEquals(ORDERS, listing.path("count").asInt());
    List<String> names = new ArrayList<>();
    listing.path("items").forEach(o -> names.add(o.path("orderName").asText()));
    assertEquals(ORDERS, names.size());
    assertEquals(ORDERS, new HashSet<>(names).size(), "no order twice");
    List<String> newestFirst = new ArrayList<>();
    for (int i = ORDERS; i >= 1; i--) {
      newestFirst.add("order.pool-many-%05d".formatted(i));
    }
    // Three orders share each millisecond; within one, the service orders them by name.
    assertEquals(new HashSet<>(newestFirst), new HashSet<>(names));
    long previous = Long.MAX_VALUE;
    for (JsonNode order : listing.path("items")) {
      long placed = order.path("creationTimestamp").asLong();
      assertTrue(placed <= previous, "newest first");
      previous = placed;
    }
  }

  @Test
  void allFollowsTheMarkerWhileOrdersArePlacedConcurrently() throws Exception {
    TestServer server = TestServer.get();
    // Another pool's orders, placed now, so the other tests' listings by pool stay as they were.
    UUID poolId = UUID.randomUUID();
    server
        .jdbi()
        .useHandle(
            h ->
                h.createUpdate(
                        """
                        insert into pools (id, project_id, name, display_name, workspace_id, phase,
                                           manifest, created_at)
                        values (:id, :project, :name, 'pool-more', '0', 'Running', '{}'::jsonb,
                                now())
                        """)
                    .bind("id", poolId)
                    .bind("project", tenant.projectId())
                    .bind("name", "pool-more-" + tenant.projectId())
                    .execute());
    // More orders in one millisecond than ListOrders' offset reaches: only a marker pages past
    // them, the until-narrowing cannot.
    server
        .jdbi()
        .useHandle(
            h ->
                h.createUpdate(
                        """
                        insert into orders (project_id, order_name, order_id, pool_id,
                            resource_name, resource_display_name, workspace_id, operation, phase,
                            billing_mode, init_count, spec_count, result_count, created_at, begin_at,
                            end_at)
                        select :project, 'order.pool-same-' || lpad(i::text, 5, '0'),
                            'CS2502010000' || lpad(i::text, 5, '0'), :pool, :name, 'pool-more',
                            '0', 'modify', 'successed', '0', cast(:counts as jsonb),
                            cast(:counts as jsonb), cast(:counts as jsonb), at, at, at
                        from generate_series(1, :orders) as i,
                             lateral (select date_trunc('second', now()) - interval '30 minutes'
                                          as at) t
                        """)
                    .bind("project", tenant.projectId())
                    .bind("pool", poolId)
                    .bind("name", "pool-more-" + tenant.projectId())
                    .bind("orders", SAME_MILLISECOND)
                    .bind("counts", COUNTS)
                    .execute());
    java.util.concurrent.atomic.AtomicBoolean paging =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    java.util.concurrent.atomic.AtomicInteger placed =
        new java.util.concurrent.atomic.AtomicInteger();
    Thread placer =
        Thread.ofPlatform()
            .start(
                () -> {
                  while (paging.get()) {
                    int i = placed.get() + 1;
                    server
                        .jdbi()
                        .useHandle(
                            h ->
                                h.createUpdate(
                                        """
                                        insert into orders (project_id, order_name, order_id,
                                            pool_id, resource_name, resource_display_name,
                                            workspace_id, operation, phase, billing_mode,
                                            init_count, spec_count, result_count, created_at,
                                            begin_at, end_at)
                                        values (:project, 'order.pool-more-' || :i,
                                            'CS2501010000' || lpad(:i::text, 5, '0'), :pool,
                                            :name, 'pool-more', '0', 'modify', 'successed', '0',
                                            cast(:counts as jsonb), cast(:counts as jsonb),
                                            cast(:counts as jsonb), now(), now(), now())
                                        """)
                                    .bind("project", tenant.projectId())
                                    .bind("i", i)
                                    .bind("counts", COUNTS)
                                    .bind("pool", poolId)
                                    .bind("name", "pool-more-" + tenant.projectId())
                                    .execute());
                    placed.set(i);
                  }
                });
    QmCli.Run all;
    try {
      all = qm().run("orders", "list", "--all", "-o", "json");
    } finally {
      paging.set(false);
      placer.join();
    }

    assertEquals(0, all.exit(), all.err());
    JsonNode listing = ClientJson.mapper().readTree(all.out());
    List<String> names = new ArrayList<>();
    listing.path("items").forEach(o -> names.add(o.path("orderName").asText()));
    assertEquals(names.size(), new HashSet<>(names).size(), "no order twice");
    for (int i = 1; i <= ORDERS; i++) {
      assertTrue(names.contains("order.pool-many-%05d".formatted(i)), "order " + i + " listed");
    }
    for (int i = 1; i <= SAME_MILLISECOND; i++) {
      assertTrue(names.contains("order.pool-same-%05d".formatted(i)), "order " + i + " listed");
    }
    assertTrue(placed.get() > 0, "orders were placed while paging");
  }

  @Test
  void aLimitAbove500IsPagedAndTheDefaultIsOnePageWithAHint() {
    QmCli qm = qm();

    QmCli.Run limited = qm.run("orders", "list", "--pool", POOL, "--limit", "700", "-o", "csv");
    assertEquals(0, limited.exit(), limited.err());
    assertEquals(701, limited.out().lines().count(), "a header and 700 orders");

    QmCli.Run table = qm.run("orders", "list", "--pool", POOL);
    assertEquals(0, table.exit(), table.err());
    assertEquals(101, table.out().lines().count());
    assertEquals("(100 of " + ORDERS + " orders shown; --all for every one)\n", table.err());

    QmCli.Run both = qm.run("orders", "list", "--all", "--limit", "5");
    assertEquals(ExitCodes.USAGE, both.exit(), both.toString());
  }

  @Test
  void sinceAndUntilNarrowTheListing() {
    QmCli.Run recent = qm().run("orders", "list", "--pool", POOL, "--since", "10m", "-o", "csv");
    assertEquals(0, recent.exit(), recent.err());
    assertEquals(
        1, recent.out().lines().count(), "the orders were placed an hour ago: " + recent.out());

    QmCli.Run older = qm().run("orders", "list", "--pool", POOL, "--until", "2h", "-o", "csv");
    assertEquals(1, older.out().lines().count(), older.out());
  }
}
