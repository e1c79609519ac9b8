package io.quartermaster.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.common.uri.UriQuery;
import io.quartermaster.db.Sql;
import io.quartermaster.testing.TestServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ListOrders' count read from the database's day counts (V13) is the exact count of the orders in
 * the window, for windows that start and end anywhere (on a UTC midnight, a microsecond either side
 * of one, inside one day), with and without a phase and in either workspace; and it stays exact
 * while several connections insert, change and delete orders at once and the folding job runs
 * between them. Each count is checked against a plain {@code count(*)} over {@code orders}.
 */
class OrderDayCountsTest {

  private static final Jdbi JDBI = TestServer.get().jdbi();
  private static final OrderQueryDao DAO = new OrderQueryDao();
  // Not processing: the engine would take up a processing order that has no job. Pending ones may
  // be expired by the service meanwhile, which the counts follow like any other change.
  private static final List<String> PHASES = List.of("pending", "successed", "failed");
  // Today at midday, so that the window's first day is a partial one.
  private static final Instant NOW =
      Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.parse("PT12H34M56.789S"));
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private final Random random = new Random(20261204);
  private String projectId;

  @BeforeEach
  void aProjectWithOrdersOnEveryKindOfInstant() {
    projectId = OrderFixtures.random("0123456789abcdef", 32);
    List<Instant> instants = new ArrayList<>();
    Instant today = NOW.truncatedTo(ChronoUnit.DAYS);
    for (int day = 0; day <= 31; day++) {
      Instant midnight = today.minus(Duration.ofDays(day));
      instants.add(midnight);
      instants.add(midnight.minus(1, ChronoUnit.MICROS));
      instants.add(midnight.plus(1, ChronoUnit.MICROS));
      for (int i = 0; i < 6; i++) {
        instants.add(midnight.plusMillis(random.nextLong(Duration.ofDays(1).toMillis())));
      }
    }
    JDBI.useTransaction(h -> instants.forEach(at -> insertOrder(h, at)));
  }

  @Test
  void theCountOfAnyWindowIsTheExactCount() {
    assertCountsExact(400);
  }

  /**
   * A busy day must not make the default window's count slower as it fills: the window ends now, so
   * today is taken whole from its count less the orders after now, and none of today's earlier
   * orders is read.
   */
  @Test
  void aWindowEndingNowReadsNoneOfTodaysOrders() {
    Instant now = Instant.now();
    Instant midnight = now.truncatedTo(ChronoUnit.DAYS);
    JDBI.useTransaction(
        h -> {
          for (int i = 1; i <= 200; i++) {
            Instant at = now.minusMillis(10L * i);
            insertOrder(h, at.isBefore(midnight) ? midnight : at);
          }
        });
    OrderListQuery query =
        OrderListQuery.parse(UriQuery.create(""), OrderConfig.defaults(), Clock.systemUTC());
    OrderQueryDao.BoundSql count = DAO.countSql(projectId, query);
    long ordersRead =
        OrderQueryPlanTest.actualRowsOf(
            OrderQueryPlanTest.explainAnalyze(count).get(0).get("Plan"), "orders");
    // The window's first day holds 9 of the fixture's orders, today at most 6 after now (and more
    // than 200 before it).
    assertTrue(ordersRead <= 15, () -> ordersRead + " orders read");
    long[] counts =
        JDBI.inTransaction(
            TransactionIsolationLevel.REPEATABLE_READ,
            h -> new long[] {plainCount(h, query), DAO.count(h, projectId, query)});
    assertEquals(counts[0], counts[1]);
  }

  @Test
  void theCountStaysExactWhileConnectionsChangeOrdersAndTheCountsAreFolded() throws Exception {
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(5);
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        long seed = random.nextLong();
        writers.add(pool.submit(() -> changeOrders(new Random(seed), 60)));
      }
      Future<?> folding =
          pool.submit(
              () -> {
                OrderDayCounts counts = new OrderDayCounts(JDBI, 7);
                while (writing.get()) {
                  counts.fold();
                }
              });
      for (Future<?> writer : writers) {
        writer.get();
      }
      writing.set(false);
      folding.get();
    } finally {
      pool.shutdownNow();
    }
    assertCountsExact(150);
    new OrderDayCounts(JDBI, 7).fold();
    assertCountsExact(150);
    assertEquals(
        List.of(0),
        JDBI.withHandle(
            h ->
                h.select(
                        "select distinct writer from order_day_counts where project_id = ?",
                        projectId)
                    .mapTo(Integer.class)
                    .list()),
        "after folding, one row per key");
    assertEquals(
        0L,
        (long)
            JDBI.withHandle(
                h ->
                    h.select(
                            "select count(*) from order_day_counts"
                                + " where project_id = ? and orders = 0",
                            projectId)
                        .mapTo(Long.class)
                        .one()),
        "after folding, no empty keys");
  }

  @Test
  void ordersDeletedAsRetentionDoesLeaveTheCounts() {
    JDBI.useTransaction(
        h ->
            h.createUpdate("delete from orders where project_id = :p and created_at < :cutoff")
                .bind("p", projectId)
                .bind("cutoff", Sql.timestamp(NOW.minus(Duration.ofDays(10))))
                .execute());
    assertCountsExact(100);
  }

  private void changeOrders(Random rnd, int transactions) {
    for (int t = 0; t < transactions; t++) {
      JDBI.useTransaction(
          h -> {
            for (int change = 0; change < 1 + rnd.nextInt(4); change++) {
              switch (rnd.nextInt(4)) {
                case 0 ->
                    insertOrder(h, NOW.minusMillis(rnd.nextLong(Duration.ofDays(31).toMillis())));
                case 1 ->
                    h.createUpdate(
                            "delete from orders where id = (select id from orders"
                                + " where project_id = :p order by random() limit 1)")
                        .bind("p", projectId)
                        .execute();
                default ->
                    h.createUpdate(
                            "update orders set phase = :phase, awaiting_approval = (:phase = 'pending')"
                                + " where id in (select id from orders"
                                + " where project_id = :p order by random() limit :n)")
                        .bind("p", projectId)
                        .bind("phase", PHASES.get(rnd.nextInt(PHASES.size())))
                        .bind("n", 1 + rnd.nextInt(3))
                        .execute();
              }
            }
          });
    }
  }

  private void assertCountsExact(int windows) {
    Instant today = NOW.truncatedTo(ChronoUnit.DAYS);
    for (int i = 0; i < windows; i++) {
      Instant since = pick(today);
      Instant until = pick(today);
      if (since.isAfter(until)) {
        Instant earlier = until;
        until = since;
        since = earlier;
      }
      StringBuilder query =
          new StringBuilder("since=" + since.toEpochMilli() + "&until=" + until.toEpochMilli());
      if (random.nextInt(3) == 0) {
        query.append("&phase=").append(PHASES.get(random.nextInt(PHASES.size())));
      }
      if (random.nextInt(4) == 0) {
        query.append("&workspaceId=ws-b");
      }
      if (i == 0) {
        query = new StringBuilder(); // the default window: the last 30 days up to now
      }
      OrderListQuery parsed =
          OrderListQuery.parse(UriQuery.create(query.toString()), OrderConfig.defaults(), CLOCK);
      // Both in one snapshot: the service's own jobs may change orders meanwhile.
      long[] counts =
          JDBI.inTransaction(
              TransactionIsolationLevel.REPEATABLE_READ,
              h -> new long[] {plainCount(h, parsed), DAO.count(h, projectId, parsed)});
      assertEquals(counts[0], counts[1], "count of ?" + query);
    }
  }

  /**
   * A millisecond instant in the window, often on or next to a UTC midnight, or the test's or the
   * real clock's now (which choose how the count takes the window's last day).
   */
  private Instant pick(Instant today) {
    Instant midnight = today.minus(Duration.ofDays(random.nextInt(31)));
    return switch (random.nextInt(6)) {
      case 4 -> NOW;
      case 5 -> Instant.now().truncatedTo(ChronoUnit.MILLIS);
      case 0 -> midnight;
      case 1 -> midnight.minusMillis(1);
      case 2 -> midnight.plusMillis(1);
      default -> midnight.plusMillis(random.nextLong(Duration.ofDays(1).toMillis()));
    };
  }

  private long plainCount(Handle h, OrderListQuery query) {
    return h.createQuery(
            "select count(*) from orders where project_id = :p and workspace_id = :w"
                + " and created_at between :since and :until"
                + (query.phase().isPresent() ? " and phase = :phase" : ""))
        .bind("p", projectId)
        .bind("w", query.workspaceId())
        .bind("since", Sql.timestamp(query.since()))
        .bind("until", Sql.timestamp(query.until()))
        .bind("phase", query.phase().map(OrderPhase::wire).orElse(null))
        .mapTo(Long.class)
        .one();
  }

  /** An order of its own pool (so that any phase is allowed), in workspace 0 or ws-b. */
  private void insertOrder(Handle h, Instant createdAt) {
    h.createUpdate(
            """
            with pool as (
              insert into pools (id, project_id, name, display_name, workspace_id, phase,
                                 manifest, created_at)
              values (gen_random_uuid(), :p, 'pool-' || gen_random_uuid(), 'shown-' || gen_random_uuid(), :w,
                      'Running', '{}'::jsonb, :at)
              returning id, name, display_name
            )
            insert into orders (project_id, order_name, order_id, pool_id, resource_name,
                resource_display_name, workspace_id, operation, phase, billing_mode,
                spec_count, result_count, created_at, awaiting_approval)
            select :p, 'order.' || pool.name, 'CS' || left(md5(pool.name), 15), pool.id,
                   pool.name, pool.display_name, :w, 'apply', :phase, '0',
                   '[]'::jsonb, '[]'::jsonb, :at, :phase = 'pending'
            from pool
            """)
        .bind("p", projectId)
        .bind("w", random.nextInt(5) == 0 ? "ws-b" : "0")
        .bind("phase", PHASES.get(random.nextInt(PHASES.size())))
        .bind("at", Sql.timestamp(createdAt))
        .execute();
  }
}
