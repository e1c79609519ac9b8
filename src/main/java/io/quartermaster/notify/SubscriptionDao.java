package io.quartermaster.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.db.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The SQL of subscriptions, their delivery cursors and their dead letters. Every move of a cursor
 * names the position it moves from: zero rows updated means the cursor is no longer there (the
 * subscription was deleted, or another run moved it), and the caller stops.
 */
final class SubscriptionDao {

  private static final String COLUMNS =
      """
      id, project_id, url, secret_sealed, event_types, pool, created_at, created_by, delivered_through,
      attempts, last_attempt_at, last_status, last_error
      """;

  void insert(Handle h, SubscriptionRow row) {
    h.createUpdate(
            """
            insert into notification_subscriptions
              (id, project_id, url, secret_sealed, event_types, pool, created_at, created_by,
               delivered_through)
            values (:id, :projectId, :url, :secret, cast(:eventTypes as jsonb), :pool, :createdAt,
                    :createdBy, :deliveredThrough)
            """)
        .bind("id", row.id())
        .bind("projectId", row.projectId())
        .bind("url", row.url())
        .bind("secret", row.sealedSecret())
        .bind("eventTypes", Sql.json(row.eventTypes()))
        .bind("pool", row.pool().orElse(null))
        .bind("createdAt", Sql.timestamp(row.createdAt()))
        .bind("createdBy", row.createdBy())
        .bind("deliveredThrough", row.deliveredThrough())
        .execute();
  }

  int count(Handle h, String projectId) {
    return h.createQuery("select count(*) from notification_subscriptions where project_id = :p")
        .bind("p", projectId)
        .mapTo(Integer.class)
        .one();
  }

  List<SubscriptionRow> list(Handle h, String projectId) {
    return h.createQuery(
            "select "
                + COLUMNS
                + " from notification_subscriptions where project_id = :p order by created_at, id")
        .bind("p", projectId)
        .map(SubscriptionDao::row)
        .list();
  }

  Optional<SubscriptionRow> find(Handle h, String projectId, String id) {
    return h.createQuery(
            "select "
                + COLUMNS
                + " from notification_subscriptions where project_id = :p and id = :id")
        .bind("p", projectId)
        .bind("id", id)
        .map(SubscriptionDao::row)
        .findOne();
  }

  /** The subscription a delivery job carries, in any project. */
  Optional<SubscriptionRow> find(Handle h, String id) {
    return h.createQuery("select " + COLUMNS + " from notification_subscriptions where id = :id")
        .bind("id", id)
        .map(SubscriptionDao::row)
        .findOne();
  }

  boolean delete(Handle h, String projectId, String id) {
    return h.createUpdate(
                "delete from notification_subscriptions where project_id = :p and id = :id")
            .bind("p", projectId)
            .bind("id", id)
            .execute()
        == 1;
  }

  /** Moves the cursor past events the filters leave out; nothing about attempts changes. */
  boolean skip(Handle h, String id, long from, long to) {
    return h.createUpdate(
                """
                update notification_subscriptions set delivered_through = :to
                where id = :id and delivered_through = :from
                """)
            .bind("id", id)
            .bind("from", from)
            .bind("to", to)
            .execute()
        == 1;
  }

  /** Moves the cursor past an event that was delivered or given up, recording the last attempt. */
  boolean settle(Handle h, String id, long from, long to, Attempt last) {
    return h.createUpdate(
                """
                update notification_subscriptions
                set delivered_through = :to, attempts = 0, last_attempt_at = :at,
                    last_status = :status, last_error = :error
                where id = :id and delivered_through = :from
                """)
            .bind("id", id)
            .bind("from", from)
            .bind("to", to)
            .bind("at", Sql.timestamp(last.at()))
            .bind("status", last.status())
            .bind("error", last.error())
            .execute()
        == 1;
  }

  /** Records a failed attempt at the event after the cursor, which stays where it is. */
  boolean failed(Handle h, String id, long at, int attempts, Attempt last) {
    return h.createUpdate(
                """
                update notification_subscriptions
                set attempts = :attempts, last_attempt_at = :at, last_status = :status,
                    last_error = :error
                where id = :id and delivered_through = :cursor
                """)
            .bind("id", id)
            .bind("cursor", at)
            .bind("attempts", attempts)
            .bind("at", Sql.timestamp(last.at()))
            .bind("status", last.status())
            .bind("error", last.error())
            .execute()
        == 1;
  }

  void deadLetter(Handle h, String id, DeadLetter letter) {
    h.createUpdate(
            """
            insert into notification_dead_letters
              (subscription_id, seq, event_type, order_name, attempts, last_status, last_error,
               dead_at)
            values (:id, :seq, :type, :orderName, :attempts, :status, :error, :at)
            on conflict (subscription_id, seq) do nothing
            """)
        .bind("id", id)
        .bind("seq", letter.seq())
        .bind("type", letter.eventType())
        .bind("orderName", letter.orderName())
        .bind("attempts", letter.attempts())
        .bind("status", letter.lastStatus().orElse(null))
        .bind("error", letter.lastError())
        .bind("at", Sql.timestamp(letter.deadAt()))
        .execute();
  }

  /** The subscription's dead letters, oldest event first. */
  List<DeadLetter> deadLetters(Handle h, String id, int limit) {
    return h.createQuery(
            """
            select seq, event_type, order_name, attempts, last_status, last_error, dead_at
            from notification_dead_letters where subscription_id = :id
            order by seq limit :limit
            """)
        .bind("id", id)
        .bind("limit", limit)
        .map(
            (rs, ctx) ->
                new DeadLetter(
                    rs.getLong("seq"),
                    rs.getString("event_type"),
                    rs.getString("order_name"),
                    rs.getInt("attempts"),
                    Optional.ofNullable((Integer) rs.getObject("last_status")),
                    rs.getString("last_error"),
                    Sql.instant(rs, "dead_at")))
        .list();
  }

  /** How one attempt ended: the receiver's status (absent without an answer) or the error. */
  record Attempt(Instant at, Integer status, String error) {}

  private static SubscriptionRow row(ResultSet rs, StatementContext ctx) throws SQLException {
    List<String> types = new ArrayList<>();
    JsonNode stored = Sql.jsonNode(rs, "event_types");
    if (stored != null) {
      stored.forEach(t -> types.add(t.asText()));
    }
    return new SubscriptionRow(
        rs.getString("id"),
        rs.getString("project_id"),
        rs.getString("url"),
        rs.getBytes("secret_sealed"),
        types,
        Optional.ofNullable(rs.getString("pool")),
        Sql.instant(rs, "created_at"),
        rs.getString("created_by"),
        rs.getLong("delivered_through"),
        rs.getInt("attempts"),
        Sql.optionalInstant(rs, "last_attempt_at"),
        Optional.ofNullable((Integer) rs.getObject("last_status")),
        Optional.ofNullable(rs.getString("last_error")));
  }
}
