package io.quartermaster.order;

import org.jdbi.v3.core.Jdbi;

/**
 * Keeps {@code order_day_counts} (V13) small. The database's triggers add each backend's changes to
 * rows of its own, so that concurrent transactions never wait on one counter row; this folds those
 * rows into one per key (writer 0) and drops the keys whose orders are all gone, so that a count
 * reads a few rows per day however many connections have written.
 *
 * <p>It never waits on a transaction in flight (rows locked by one are skipped, and folded by a
 * later run), and no trigger ever writes writer 0, so folding cannot deadlock with the writers.
 * Runs as a recurring job, one bounded batch per transaction; a crash midway leaves every count
 * right, as each batch moves its rows in one transaction.
 */
final class OrderDayCounts {

  private static final String FOLD =
      """
      with moved as (
        delete from order_day_counts
        where (project_id, workspace_id, day, phase, writer) in (
          select project_id, workspace_id, day, phase, writer
          from order_day_counts
          where writer <> 0
          limit :batch
          for update skip locked)
        returning project_id, workspace_id, day, phase, orders
      ),
      folded as (
        insert into order_day_counts as c (project_id, workspace_id, day, phase, writer, orders)
        select project_id, workspace_id, day, phase, 0, sum(orders)
        from moved
        group by 1, 2, 3, 4
        order by 1, 2, 3, 4
        on conflict (project_id, workspace_id, day, phase, writer)
        do update set orders = c.orders + excluded.orders
        returning 1
      )
      select count(*) from moved
      """;

  private static final String DROP_EMPTY =
      """
      delete from order_day_counts
      where ctid in (
        select ctid from order_day_counts
        where writer = 0 and orders = 0
        limit :batch
        for update skip locked)
      """;

  private final Jdbi jdbi;
  private final int batchSize;

  OrderDayCounts(Jdbi jdbi, int batchSize) {
    this.jdbi = jdbi;
    this.batchSize = batchSize;
  }

  /** Folds every writer's rows that no transaction holds, then drops the empty keys. */
  void fold() {
    int moved;
    do {
      moved =
          jdbi.inTransaction(
              h -> h.createQuery(FOLD).bind("batch", batchSize).mapTo(Integer.class).one());
    } while (moved == batchSize);
    int dropped;
    do {
      dropped =
          jdbi.inTransaction(h -> h.createUpdate(DROP_EMPTY).bind("batch", batchSize).execute());
    } while (dropped == batchSize);
  }
}
