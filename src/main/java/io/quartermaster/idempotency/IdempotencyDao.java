package io.quartermaster.idempotency;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.db.Sql;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The {@code idempotency_keys} table: claiming a key, reading and recording its answer, purging.
 */
final class IdempotencyDao {

  /** A key's row as another request left it: what that request was, and what it was answered. */
  record Recorded(String fingerprint, StoredAnswer answer) {}

  /**
   * Claims {@code request}'s key for this transaction: inserts its row, or takes over an expired
   * one. Answers false when a live row holds the key; when another transaction has just inserted it
   * and not yet committed, this waits for that transaction to end (the primary key's lock), so that
   * the caller then reads its answer, or claims the key if it rolled back.
   */
  boolean claim(Handle h, KeyedRequest request, Instant now, Instant expiresAt) {
    return h.createQuery(
            """
            insert into idempotency_keys
              (project_id, idempotency_key, fingerprint, created_at, expires_at)
            values (:projectId, :key, :fingerprint, :now, :expiresAt)
            on conflict (project_id, idempotency_key) do update
              set fingerprint = excluded.fingerprint, status = null, headers = null, body = null,
                  created_at = excluded.created_at, expires_at = excluded.expires_at
              where idempotency_keys.expires_at <= excluded.created_at
            returning true
            """)
        .bind("projectId", request.projectId())
        .bind("key", request.key().value())
        .bind("fingerprint", request.fingerprint())
        .bind("now", Sql.timestamp(now))
        .bind("expiresAt", Sql.timestamp(expiresAt))
        .mapTo(Boolean.class)
        .findOne()
        .isPresent();
  }

  /** The key's row, read in a statement of its own, so that it sees what committed meanwhile. */
  Optional<Recorded> find(Handle h, String projectId, IdempotencyKey key) {
    return h.createQuery(
            """
            select fingerprint, status, headers, body from idempotency_keys
            where project_id = :projectId and idempotency_key = :key
            """)
        .bind("projectId", projectId)
        .bind("key", key.value())
        .map(
            (rs, ctx) ->
                new Recorded(
                    rs.getString("fingerprint"),
                    new StoredAnswer(
                        rs.getInt("status"),
                        headers(Sql.jsonNode(rs, "headers")),
                        rs.getString("body"))))
        .findOne();
  }

  /** Writes the answer to the row this transaction claimed. */
  void record(Handle h, KeyedRequest request, StoredAnswer answer) {
    int updated =
        h.createUpdate(
                """
                update idempotency_keys
                set status = :status, headers = cast(:headers as jsonb), body = :body
                where project_id = :projectId and idempotency_key = :key
                """)
            .bind("projectId", request.projectId())
            .bind("key", request.key().value())
            .bind("status", answer.status())
            .bind("headers", Sql.json(answer.headers()))
            .bind("body", answer.body())
            .execute();
    if (updated != 1) {
      throw new IllegalStateException("the claimed idempotency key's row is gone");
    }
  }

  /** Deletes up to {@code limit} keys expired at {@code now}; answers how many. */
  int purgeExpired(Handle h, Instant now, int limit) {
    return h.createUpdate(
            """
            delete from idempotency_keys
            where (project_id, idempotency_key) in (
              select project_id, idempotency_key from idempotency_keys
              where expires_at <= :now
              order by expires_at
              limit :limit
              for update skip locked)
            """)
        .bind("now", Sql.timestamp(now))
        .bind("limit", limit)
        .execute();
  }

  private static Map<String, String> headers(JsonNode node) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (node != null) {
      node.properties().forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
    }
    return headers;
  }
}
