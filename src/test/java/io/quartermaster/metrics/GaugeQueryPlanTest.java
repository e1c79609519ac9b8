package io.quartermaster.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.testing.TestServer;
import java.util.List;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

/**
 * What a scrape reads every time must stay cheap however many orders are retained: with 15,000
 * finished orders, the counts of unfinished orders and the age of the oldest processing one go
 * through the partial index of unfinished orders, not a scan of the table. The orders are written
 * and analyzed in a transaction that is rolled back, so no other test sees them.
 */
class GaugeQueryPlanTest {

  private static final int ORDERS = 15_000;

  @Test
  void theQueriesOfEveryScrapeUseThePartialIndexOfUnfinishedOrders() {
    TestServer.get()
        .jdbi()
        .useTransaction(
            h -> {
              manyFinishedOrders(h);
              for (String query :
                  List.of(
                      """
                      select phase, operation, count(*) as n from orders
                      where phase in ('pending', 'processing')
                      group by phase, operation
                      """,
                      """
                      select min(coalesce(begin_at, created_at)) from orders
                      where phase = 'processing'
                      """)) {
                String plan = plan(h, query);
                System.out.println(query + plan + "\n");
                assertTrue(plan.contains("orders_one_unfinished_per_pool"), plan);
                assertFalse(plan.contains("Seq Scan on orders"), plan);
              }
              h.rollback();
            });
  }

  private static void manyFinishedOrders(Handle h) {
    h.createUpdate(
            """
            insert into pools (id, project_id, name, display_name, workspace_id, phase, manifest,
                               created_at)
            values ('00000000-0000-0000-0000-00000000beef', repeat('e', 32),
                    'plan-pool-' || repeat('e', 32), 'plan-pool', '0', 'Running', '{}'::jsonb,
                    now())
            """)
        .execute();
    h.createUpdate(
            """
            insert into orders (project_id, order_name, order_id, pool_id, resource_name,
                resource_display_name, workspace_id, operation, phase, billing_mode, spec_count,
                result_count, created_at, begin_at, end_at)
            select repeat('e', 32), 'order.plan-pool-' || lpad(n::text, 6, '0'),
                   'CSPLAN' || n, '00000000-0000-0000-0000-00000000beef',
                   'plan-pool-' || repeat('e', 32), 'plan-pool', '0',
                   (array['apply','modify','delete'])[1 + n % 3],
                   (array['successed','failed'])[1 + n % 2], '0', '[]'::jsonb, '[]'::jsonb,
                   now(), now(), now()
            from generate_series(1, :orders) n
            """)
        .bind("orders", ORDERS)
        .execute();
    h.execute("analyze orders");
  }

  private static String plan(Handle h, String query) {
    return h.createQuery("explain " + query).mapTo(String.class).list().stream()
        .collect(Collectors.joining("\n"));
  }
}
