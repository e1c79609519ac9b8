package io.quartermaster.pool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quartermaster.db.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** SQL for pools. */
final class PoolDao {

  private static final String COLUMNS =
      """
      id, project_id, name, display_name, workspace_id, phase, status_message, manifest,
      created_at, deletion_requested_at, deleted_at
      """;

  void insert(Handle h, PoolRow pool) {
    h.createUpdate(
            """
            insert into pools (id, project_id, name, display_name, workspace_id, phase,
              status_message, manifest, created_at)
            values (:id, :projectId, :name, :displayName, :workspaceId, :phase,
              :statusMessage, cast(:manifest as jsonb), :createdAt)
            """)
        .bind("id", pool.id())
        .bind("projectId", pool.projectId())
        .bind("name", pool.name())
        .bind("displayName", pool.displayName())
        .bind("workspaceId", pool.workspaceId())
        .bind("phase", pool.phase().wire())
        .bind("statusMessage", pool.statusMessage().orElse(null))
        .bind("manifest", Sql.json(pool.manifest()))
        .bind("createdAt", Sql.timestamp(pool.createdAt()))
        .execute();
  }

  Optional<PoolRow> findLive(Handle h, String projectId, String name) {
    return live(h, projectId, name, "");
  }

  /** The live pool, locked until the transaction ends: one change of a pool at a time. */
  Optional<PoolRow> lockLive(Handle h, String projectId, String name) {
    return live(h, projectId, name, " for update");
  }

  private Optional<PoolRow> live(Handle h, String projectId, String name, String lock) {
    return h.createQuery(
            "select "
                + COLUMNS
                + " from pools"
                + " where project_id = :p and name = :n and deleted_at is null"
                + lock)
        .bind("p", projectId)
        .bind("n", name)
        .map((rs, ctx) -> row(rs))
        .findOne();
  }

  void markDeletionRequested(Handle h, UUID id, Instant now) {
    h.createUpdate(
            """
            update pools set deletion_requested_at = :now, phase = :deleting,
              status_message = null, version = version + 1
            where id = :id
            """)
        .bind("id", id)
        .bind("deleting", PoolPhase.DELETING.wire())
        .bind("now", Sql.timestamp(now))
        .execute();
  }

  /** How many live pools of a project's workspace stand in each phase, by phase name. */
  Map<PoolPhase, Integer> countByPhase(Handle h, String projectId, String workspaceId) {
    Map<PoolPhase, Integer> counts = new java.util.EnumMap<>(PoolPhase.class);
    h.createQuery(
            """
            select phase, count(*) as n from pools
            where project_id = :p and workspace_id = :w and deleted_at is null
            group by phase
            """)
        .bind("p", projectId)
        .bind("w", workspaceId)
        .map((rs, ctx) -> Map.entry(PoolPhase.fromWire(rs.getString("phase")), rs.getInt("n")))
        .forEach(e -> counts.put(e.getKey(), e.getValue()));
    return counts;
  }

  Optional<PoolRow> findById(Handle h, UUID id) {
    return h.createQuery("select " + COLUMNS + " from pools where id = :id")
        .bind("id", id)
        .map((rs, ctx) -> row(rs))
        .findOne();
  }

  /** Live pools of a project's workspace, oldest first. */
  List<PoolRow> listLive(Handle h, String projectId, String workspaceId) {
    return h.createQuery(
            "select "
                + COLUMNS
                + " from pools"
                + " where project_id = :p and workspace_id = :w and deleted_at is null"
                + " order by created_at, name")
        .bind("p", projectId)
        .bind("w", workspaceId)
        .map((rs, ctx) -> row(rs))
        .list();
  }

  /**
   * Serializes pool placement within a project until the transaction ends, so that the duplicate
   * name and quota checks cannot both pass for two racing requests.
   */
  void lockProject(Handle h, String projectId) {
    h.createQuery("select 1 from pg_advisory_xact_lock(hashtextextended(:p, 0))")
        .bind("p", projectId)
        .mapTo(Integer.class)
        .one();
  }

  boolean liveDisplayNameTaken(Handle h, String projectId, String displayName) {
    return h.createQuery(
            """
            select exists (select 1 from pools
              where project_id = :p and display_name = :d and deleted_at is null)
            """)
        .bind("p", projectId)
        .bind("d", displayName)
        .mapTo(Boolean.class)
        .one();
  }

  /** How many live pools the project has: those not yet deleted, whatever their phase. */
  int livePools(Handle h, String projectId) {
    return h.createQuery("select count(*) from pools where project_id = :p and deleted_at is null")
        .bind("p", projectId)
        .mapTo(Integer.class)
        .one();
  }

  /** The nodes a project's live pools ask for: the sum of their requested counts. */
  int requestedNodes(Handle h, String projectId) {
    return h.createQuery(
            """
            select coalesce(sum((r ->> 'count')::int), 0)
            from pools p, jsonb_array_elements(p.manifest -> 'spec' -> 'resources') r
            where p.project_id = :p and p.deleted_at is null
            """)
        .bind("p", projectId)
        .mapTo(Integer.class)
        .one();
  }

  void updateManifest(Handle h, UUID id, ObjectNode manifest) {
    h.createUpdate(
            """
            update pools set manifest = cast(:m as jsonb), version = version + 1 where id = :id
            """)
        .bind("id", id)
        .bind("m", Sql.json(manifest))
        .execute();
  }

  void setPhase(Handle h, UUID id, PoolPhase phase, Optional<String> message) {
    h.createUpdate(
            """
            update pools set phase = :phase, status_message = :message, version = version + 1
            where id = :id
            """)
        .bind("id", id)
        .bind("phase", phase.wire())
        .bind("message", message.orElse(null))
        .execute();
  }

  void markDeleted(Handle h, UUID id, Instant now) {
    h.createUpdate("update pools set deleted_at = :now, version = version + 1 where id = :id")
        .bind("id", id)
        .bind("now", Sql.timestamp(now))
        .execute();
  }

  /**
   * Deletes up to {@code limit} pools whose delete order succeeded and that no order references any
   * more (their orders were purged), with any node rows left behind; returns how many.
   */
  int purgeDeletedUnreferenced(Handle h, int limit) {
    List<UUID> doomed =
        h.createQuery(
                """
                select id from pools p
                where deleted_at is not null
                  and not exists (select 1 from orders o where o.pool_id = p.id)
                order by deleted_at
                limit :limit
                for update skip locked
                """)
            .bind("limit", limit)
            .mapTo(UUID.class)
            .list();
    if (doomed.isEmpty()) {
      return 0;
    }
    h.createUpdate("delete from nodes where pool_id = any(:ids)")
        .bind("ids", doomed.toArray(UUID[]::new))
        .execute();
    return h.createUpdate("delete from pools where id = any(:ids)")
        .bind("ids", doomed.toArray(UUID[]::new))
        .execute();
  }

  private static PoolRow row(ResultSet rs) throws SQLException {
    return new PoolRow(
        rs.getObject("id", UUID.class),
        rs.getString("project_id"),
        rs.getString("name"),
        rs.getString("display_name"),
        rs.getString("workspace_id"),
        PoolPhase.fromWire(rs.getString("phase")),
        Optional.ofNullable(rs.getString("status_message")),
        (ObjectNode) Sql.jsonNode(rs, "manifest"),
        Sql.instant(rs, "created_at"),
        Sql.optionalInstant(rs, "deletion_requested_at"),
        Sql.optionalInstant(rs, "deleted_at"));
  }
}
