package io.quartermaster.order;

import io.quartermaster.db.Sql;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Appends every change of an order or its items to {@code order_events}, numbered per project. It
 * runs in the caller's transaction: the change and its event commit together or not at all, and the
 * counter row keeps one project's numbers gap-free and in commit order.
 */
final class OrderEventLog {

  /** Appends one event; returns its sequence number in the project. */
  long append(
      Handle h,
      String projectId,
      String orderName,
      String kind,
      Map<String, Object> payload,
      Instant at) {
    long seq =
        h.createQuery(
                """
                insert into order_event_counters (project_id, last_seq) values (:projectId, 1)
                on conflict (project_id)
                do update set last_seq = order_event_counters.last_seq + 1
                returning last_seq
                """)
            .bind("projectId", projectId)
            .mapTo(Long.class)
            .one();
    h.createUpdate(
            """
            insert into order_events (project_id, seq, order_name, kind, payload, created_at)
            values (:projectId, :seq, :orderName, :kind, cast(:payload as jsonb), :at)
            """)
        .bind("projectId", projectId)
        .bind("seq", seq)
        .bind("orderName", orderName)
        .bind("kind", kind)
        .bind("payload", Sql.json(payload))
        .bind("at", Sql.timestamp(at))
        .execute();
    PhaseChangeLog.afterCommit(h, projectId, orderName, kind, payload);
    return seq;
  }

  /** One event to append: its kind and payload. */
  record Event(String kind, Map<String, Object> payload) {}

  /**
   * Appends {@code events} of one order, numbered one after another, in one statement whatever
   * their number. The project's counter row stays locked until the transaction ends, which keeps
   * the numbers in commit order but serializes the project's writers: taking it in the last
   * statement before the commit keeps that wait to the commit itself.
   */
  void appendAll(Handle h, String projectId, String orderName, List<Event> events, Instant at) {
    if (events.isEmpty()) {
      return;
    }
    h.createUpdate(
            """
            with counter as (
              insert into order_event_counters (project_id, last_seq) values (:projectId, :n)
              on conflict (project_id)
              do update set last_seq = order_event_counters.last_seq + :n
              returning last_seq
            )
            insert into order_events (project_id, seq, order_name, kind, payload, created_at)
            select :projectId, counter.last_seq - :n + e.n, :orderName, e.kind,
              cast(e.payload as jsonb), :at
            from counter, unnest(cast(:kinds as text[]), cast(:payloads as text[]))
              with ordinality as e(kind, payload, n)
            """)
        .bind("projectId", projectId)
        .bind("n", events.size())
        .bind("orderName", orderName)
        .bind("kinds", events.stream().map(Event::kind).toArray(String[]::new))
        .bind("payloads", events.stream().map(e -> Sql.json(e.payload())).toArray(String[]::new))
        .bind("at", Sql.timestamp(at))
        .execute();
    for (Event event : events) {
      PhaseChangeLog.afterCommit(h, projectId, orderName, event.kind(), event.payload());
    }
  }
}
