package io.quartermaster.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** The SQL of {@code projects}, on one handle so that callers can combine it in a transaction. */
final class ProjectDao {

  private static final String COLUMNS = "id, name, description, enabled";

  private final Handle handle;

  ProjectDao(Handle handle) {
    this.handle = handle;
  }

  /** Inserts {@code project}; false when its name is taken, even by a concurrent insert. */
  boolean insert(ProjectRow project, Instant now) {
    return handle
            .createUpdate(
                """
                insert into projects (id, name, description, enabled, created_at)
                values (:id, :name, :description, :enabled, :now)
                on conflict (name) do nothing
                """)
            .bind("id", project.id())
            .bind("name", project.name())
            .bind("description", project.description())
            .bind("enabled", project.enabled())
            .bind("now", now)
            .execute()
        == 1;
  }

  Optional<ProjectRow> findById(String id) {
    return handle
        .createQuery("select " + COLUMNS + " from projects where id = :id")
        .bind("id", id)
        .map(ProjectDao::row)
        .findOne();
  }

  Optional<ProjectRow> findByName(String name) {
    return handle
        .createQuery("select " + COLUMNS + " from projects where name = :name")
        .bind("name", name)
        .map(ProjectDao::row)
        .findOne();
  }

  List<ProjectRow> list() {
    return handle
        .createQuery("select " + COLUMNS + " from projects order by name")
        .map(ProjectDao::row)
        .list();
  }

  /** The enabled projects in which {@code userId} has a role: those a token can be scoped to. */
  List<ProjectRow> listScopableBy(String userId) {
    return handle
        .createQuery(
            """
            select p.id, p.name, p.description, p.enabled
            from projects p
            join role_assignments r on r.project_id = p.id
            where r.user_id = :userId and p.enabled
            order by p.name
            """)
        .bind("userId", userId)
        .map(ProjectDao::row)
        .list();
  }

  private static ProjectRow row(ResultSet rs, StatementContext ctx) throws SQLException {
    return new ProjectRow(
        rs.getString("id"),
        rs.getString("name"),
        rs.getString("description"),
        rs.getBoolean("enabled"));
  }
}
