package io.quartermaster.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** The SQL of {@code tokens}, which are known only by their hash. */
final class TokenDao {

  private final Handle handle;

  TokenDao(Handle handle) {
    this.handle = handle;
  }

  void insert(String tokenHash, String userId, String projectId, Instant issued, Instant expires) {
    handle
        .createUpdate(
            """
            insert into tokens (token_hash, user_id, project_id, issued_at, expires_at)
            values (:tokenHash, :userId, :projectId, :issued, :expires)
            """)
        .bind("tokenHash", tokenHash)
        .bind("userId", userId)
        .bind("projectId", projectId)
        .bind("issued", issued)
        .bind("expires", expires)
        .execute();
  }

  /** Forgets the user's tokens that expired before {@code now}, so that they do not pile up. */
  void deleteExpired(String userId, Instant now) {
    handle
        .createUpdate("delete from tokens where user_id = :userId and expires_at <= :now")
        .bind("userId", userId)
        .bind("now", now)
        .execute();
  }

  /** Revokes every token of the user. */
  /** Deletes one token; answers whether it was there. */
  boolean delete(String tokenHash) {
    return handle
            .createUpdate("delete from tokens where token_hash = :tokenHash")
            .bind("tokenHash", tokenHash)
            .execute()
        == 1;
  }

  void deleteAll(String userId) {
    handle
        .createUpdate("delete from tokens where user_id = :userId")
        .bind("userId", userId)
        .execute();
  }

  /**
   * The token with this hash, its user as they stand now, and that user's role in {@code projectId}
   * (in the token's own project when {@code projectId} is null). One query, because it runs on
   * every call.
   */
  Optional<TokenHolder> find(String tokenHash, String projectId) {
    return handle
        .createQuery(
            """
            select t.user_id, u.name as user_name, u.enabled, u.global_admin,
                   t.project_id, t.expires_at, r.role
            from tokens t
            join users u on u.id = t.user_id
            left join role_assignments r
              on r.user_id = t.user_id
             and r.project_id = coalesce(cast(:projectId as text), t.project_id)
            where t.token_hash = :tokenHash
            """)
        .bind("tokenHash", tokenHash)
        .bind("projectId", projectId)
        .map(TokenDao::holder)
        .findOne();
  }

  private static TokenHolder holder(ResultSet rs, StatementContext ctx) throws SQLException {
    String role = rs.getString("role");
    return new TokenHolder(
        rs.getString("user_id"),
        rs.getString("user_name"),
        rs.getBoolean("enabled"),
        rs.getBoolean("global_admin"),
        rs.getString("project_id"),
        rs.getObject("expires_at", OffsetDateTime.class).toInstant(),
        Optional.ofNullable(role).map(RoleDao::role));
  }

  /** A token's user and scope, read when a request presents it. */
  record TokenHolder(
      String userId,
      String userName,
      boolean userEnabled,
      boolean globalAdmin,
      String tokenProjectId,
      Instant expiresAt,
      Optional<Role> roleInProject) {}
}
