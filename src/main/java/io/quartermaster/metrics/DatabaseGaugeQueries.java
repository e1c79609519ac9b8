package io.quartermaster.metrics;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The read-only queries behind {@link DatabaseGauges}; none takes a lock. */
final class DatabaseGaugeQueries {

  /**
   * db-scheduler's task name of order jobs ({@code OrderEngine}); the recurring housekeeping jobs
   * in the same table are not orders and are left out.
   */
  static final String ORDER_TASK = "run-order";

  /** Orders per phase and operation; a combination with no orders is 0. */
  record OrderCounts(Map<String, Long> byPhaseAndOperation, boolean known) {

    static final OrderCounts UNKNOWN = new OrderCounts(Map.of(), false);

    double count(String phase, String operation) {
      return known ? byPhaseAndOperation.getOrDefault(key(phase, operation), 0L) : Double.NaN;
    }
  }

  /** The engine's order jobs: due and waiting, being run, and how long the oldest has waited. */
  record Queue(double waiting, double running, double oldestWaitingSeconds) {}

  /**
   * Unfinished orders (pending, processing) per phase and operation: few, and found through the
   * partial index that keeps one unfinished order per pool.
   */
  OrderCounts unfinishedOrders(Handle h) {
    return counts(
        h,
        """
        select phase, operation, count(*) as n from orders
        where phase in ('pending', 'processing')
        group by phase, operation
        """);
  }

  /** Finished orders (successed, failed): every retained order, so a scan of the table. */
  OrderCounts finishedOrders(Handle h) {
    return counts(
        h,
        """
        select phase, operation, count(*) as n from orders
        where phase in ('successed', 'failed')
        group by phase, operation
        """);
  }

  private static OrderCounts counts(Handle h, String sql) {
    Map<String, Long> counts = new HashMap<>();
    h.createQuery(sql)
        .map(
            (rs, ctx) ->
                Map.entry(key(rs.getString("phase"), rs.getString("operation")), rs.getLong("n")))
        .forEach(e -> counts.put(e.getKey(), e.getValue()));
    return new OrderCounts(Map.copyOf(counts), true);
  }

  private static String key(String phase, String operation) {
    return phase + "/" + operation;
  }

  /** Seconds since the oldest processing order began (or was placed, if it has not begun). */
  double oldestProcessing(Handle h, Instant now) {
    Optional<OffsetDateTime> oldest =
        h.createQuery(
                """
                select min(coalesce(begin_at, created_at)) from orders
                where phase = 'processing'
                """)
            .mapTo(OffsetDateTime.class)
            .findOne();
    return oldest.map(t -> seconds(t.toInstant(), now)).orElse(0.0);
  }

  Queue engineQueue(Handle h, Instant now) {
    return h.createQuery(
            """
            select count(*) filter (where not picked and execution_time <= :now) as waiting,
                   count(*) filter (where picked) as running,
                   min(execution_time) filter (where not picked and execution_time <= :now)
                     as oldest
            from scheduled_tasks
            where task_name = :task
            """)
        .bind("now", OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC))
        .bind("task", ORDER_TASK)
        .map(
            (rs, ctx) -> {
              OffsetDateTime oldest = rs.getObject("oldest", OffsetDateTime.class);
              return new Queue(
                  rs.getLong("waiting"),
                  rs.getLong("running"),
                  oldest == null ? 0.0 : seconds(oldest.toInstant(), now));
            })
        .one();
  }

  private static double seconds(Instant from, Instant to) {
    return Math.max(0, Duration.between(from, to).toMillis() / 1000.0);
  }
}
