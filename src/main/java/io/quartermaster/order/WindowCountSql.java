package io.quartermaster.order;

import io.quartermaster.db.Sql;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The count of a ListOrders window without involvedName, built from the per-day counts the database
 * keeps ({@code order_day_counts}, V13) and as few index entries as possible.
 *
 * <p>The window's whole UTC days are summed from {@code order_day_counts}. Each partial day at an
 * edge is either counted from the index (the orders of the day inside the window) or taken whole
 * from the day counts less the orders of that day outside the window, whichever covers the shorter
 * part of the day; a window ending now (the default) takes today whole less the orders after now:
 * next to nothing, however many orders today holds. A window inside one day is counted from the
 * index.
 *
 * <p>All bounds are computed here, not in SQL, so that the planner sees them when it picks an
 * index; the statement is built from constant fragments only.
 */
final class WindowCountSql {

  private static final Duration DAY = Duration.ofDays(1);
  private static final Duration HALF_DAY = DAY.dividedBy(2);
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

  private static final String FILTER =
      """
      where project_id = :projectId
        and workspace_id = :workspaceId
      """;

  private WindowCountSql() {}

  /**
   * The statement counting the orders created in {@code [since, until]}, adding its bounds to
   * {@code params} (which already hold projectId, workspaceId, since, until and, when {@code
   * byPhase}, phase). {@code now} only chooses how the last day is counted, never the result.
   */
  static String of(
      Map<String, Object> params, Instant since, Instant until, boolean byPhase, Instant now) {
    String phase = byPhase ? OrderQueryDao.PHASE_FILTER : "";
    Instant sinceDay = since.truncatedTo(ChronoUnit.DAYS);
    // until is inclusive to the microsecond the database keeps: its day is that of the instant
    // just after it, so that a window ending at 23:59:59.999999 takes its day whole.
    Instant afterUntil = until.plus(1, ChronoUnit.MICROS);
    Instant untilDay = afterUntil.truncatedTo(ChronoUnit.DAYS);
    if (sinceDay.equals(untilDay) || !afterUntil.isAfter(since)) {
      return "select count(*) from orders\n"
          + FILTER
          + phase
          + "  and created_at >= :since and created_at <= :until\n";
    }

    // Whole days from sumFrom to sumTo, corrected by the terms at either edge.
    List<String> terms = new ArrayList<>();
    Instant sumFrom;
    if (since.equals(sinceDay)) {
      sumFrom = sinceDay;
    } else if (Duration.between(sinceDay, since).compareTo(HALF_DAY) < 0) {
      sumFrom = sinceDay; // the day whole, less its orders before since
      terms.add("- " + indexCount(params, terms.size(), sinceDay, ">=", since, "<", phase));
    } else {
      sumFrom = sinceDay.plus(DAY); // the orders from since to the day's end
      terms.add("+ " + indexCount(params, terms.size(), since, ">=", sumFrom, "<", phase));
    }
    Instant sumTo;
    if (afterUntil.equals(untilDay)) {
      sumTo = untilDay;
    } else if (countsTheRestOfItsLastDay(untilDay, until, afterUntil, now)) {
      sumTo = untilDay.plus(DAY); // the day whole, less its orders after until
      terms.add("- " + indexCount(params, terms.size(), until, ">", sumTo, "<", phase));
    } else {
      sumTo = untilDay; // the orders from the day's start to until
      terms.add("+ " + indexCount(params, terms.size(), untilDay, ">=", until, "<=", phase));
    }
    params.put("sumFrom", Sql.timestamp(sumFrom));
    params.put("sumTo", Sql.timestamp(sumTo));
    StringBuilder sql =
        new StringBuilder(
            "select (select coalesce(sum(orders), 0) from order_day_counts\n"
                + FILTER
                + phase
                + "  and day >= :sumFrom and day < :sumTo)\n");
    terms.forEach(term -> sql.append(term));
    return sql.toString();
  }

  /**
   * Whether the window's last, partial day is cheaper taken whole less its orders after {@code
   * until}: when until is about now (no orders come after it yet, but for a minute's clock skew
   * between instances), or the part after it is the shorter. A day that has not begun holds no
   * orders either way and is counted from the index.
   */
  private static boolean countsTheRestOfItsLastDay(
      Instant untilDay, Instant until, Instant afterUntil, Instant now) {
    if (untilDay.isAfter(now)) {
      return false;
    }
    return !until.isBefore(now.minus(CLOCK_SKEW))
        || Duration.between(untilDay, afterUntil).compareTo(HALF_DAY) > 0;
  }

  /** A subquery counting the orders between two bounds on the listing index. */
  private static String indexCount(
      Map<String, Object> params,
      int n,
      Instant from,
      String fromOperator,
      Instant to,
      String toOperator,
      String phase) {
    params.put("from" + n, Sql.timestamp(from));
    params.put("to" + n, Sql.timestamp(to));
    return "(select count(*) from orders\n"
        + FILTER
        + phase
        + "  and created_at "
        + fromOperator
        + " :from"
        + n
        + " and created_at "
        + toOperator
        + " :to"
        + n
        + ")\n";
  }
}
