package io.quartermaster.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** The SQL of {@code access_keys}. */
final class AccessKeyDao {

  private static final String COLUMNS = "access_key, user_id, status, description, created_at";

  private final Handle handle;

  AccessKeyDao(Handle handle) {
    this.handle = handle;
  }

  void insert(AccessKeyRow key, byte[] sealedSecret, String serverKeyId) {
    handle
        .createUpdate(
            """
            insert into access_keys
              (access_key, user_id, sealed_secret, server_key_id, status, description, created_at)
            values (:accessKey, :userId, :sealed, :serverKeyId, :status, :description, :createdAt)
            """)
        .bind("accessKey", key.accessKey())
        .bind("userId", key.userId())
        .bind("sealed", sealedSecret)
        .bind("serverKeyId", serverKeyId)
        .bind("status", status(key.active()))
        .bind("description", key.description())
        .bind("createdAt", key.createdAt())
        .execute();
  }

  /**
   * How many keys {@code userId} has, active or not; holds the user's key count still until the
   * transaction ends, so that two racing creations cannot both pass the cap.
   */
  int countByUserLocked(String userId) {
    handle
        .createQuery("select 1 from pg_advisory_xact_lock(hashtextextended(:k, 0))")
        .bind("k", "access-keys:" + userId)
        .mapTo(Integer.class)
        .one();
    return handle
        .createQuery("select count(*) from access_keys where user_id = :userId")
        .bind("userId", userId)
        .mapTo(Integer.class)
        .one();
  }

  Optional<AccessKeyRow> find(String accessKey) {
    return handle
        .createQuery("select " + COLUMNS + " from access_keys where access_key = :accessKey")
        .bind("accessKey", accessKey)
        .map(AccessKeyDao::row)
        .findOne();
  }

  List<AccessKeyRow> listByUser(String userId) {
    return handle
        .createQuery(
            "select " + COLUMNS + " from access_keys where user_id = :userId order by created_at")
        .bind("userId", userId)
        .map(AccessKeyDao::row)
        .list();
  }

  void update(AccessKeyRow key) {
    handle
        .createUpdate(
            """
            update access_keys set status = :status, description = :description
            where access_key = :accessKey
            """)
        .bind("accessKey", key.accessKey())
        .bind("status", status(key.active()))
        .bind("description", key.description())
        .execute();
  }

  boolean delete(String accessKey) {
    return handle
            .createUpdate("delete from access_keys where access_key = :accessKey")
            .bind("accessKey", accessKey)
            .execute()
        == 1;
  }

  /**
   * The key with its sealed secret, its user as they stand now, and that user's role in {@code
   * projectId}. One query, because it runs on every signed request.
   */
  Optional<SigningKey> findForRequest(String accessKey, String projectId) {
    return handle
        .createQuery(
            """
            select k.access_key, k.sealed_secret, k.server_key_id, k.status,
                   k.user_id, u.name as user_name, u.enabled, u.global_admin, r.role
            from access_keys k
            join users u on u.id = k.user_id
            left join role_assignments r on r.user_id = k.user_id and r.project_id = :projectId
            where k.access_key = :accessKey
            """)
        .bind("accessKey", accessKey)
        .bind("projectId", projectId)
        .map(AccessKeyDao::signingKey)
        .findOne();
  }

  private static String status(boolean active) {
    return active ? "active" : "inactive";
  }

  private static AccessKeyRow row(ResultSet rs, StatementContext ctx) throws SQLException {
    return new AccessKeyRow(
        rs.getString("access_key"),
        rs.getString("user_id"),
        rs.getString("status").equals("active"),
        rs.getString("description"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant());
  }

  private static SigningKey signingKey(ResultSet rs, StatementContext ctx) throws SQLException {
    return new SigningKey(
        rs.getString("access_key"),
        rs.getBytes("sealed_secret"),
        rs.getString("server_key_id"),
        rs.getString("status").equals("active"),
        rs.getString("user_id"),
        rs.getString("user_name"),
        rs.getBoolean("enabled"),
        rs.getBoolean("global_admin"),
        Optional.ofNullable(rs.getString("role")).map(RoleDao::role));
  }

  /** What a signed request needs to be verified and authorized. */
  record SigningKey(
      String accessKey,
      byte[] sealedSecret,
      String serverKeyId,
      boolean active,
      String userId,
      String userName,
      boolean userEnabled,
      boolean globalAdmin,
      Optional<Role> roleInProject) {}
}
