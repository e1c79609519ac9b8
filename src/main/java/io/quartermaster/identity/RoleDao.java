package io.quartermaster.identity;

import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The SQL of {@code role_assignments}: at most one role per user and project. */
final class RoleDao {

  private final Handle handle;

  RoleDao(Handle handle) {
    this.handle = handle;
  }

  /** Gives {@code userId} {@code role} in {@code projectId}, replacing any role it had there. */
  void assign(String userId, String projectId, Role role) {
    handle
        .createUpdate(
            """
            insert into role_assignments (user_id, project_id, role)
            values (:userId, :projectId, :role)
            on conflict (user_id, project_id) do update set role = excluded.role
            """)
        .bind("userId", userId)
        .bind("projectId", projectId)
        .bind("role", role.apiName())
        .execute();
  }

  Optional<Role> find(String userId, String projectId) {
    return handle
        .createQuery(
            "select role from role_assignments where user_id = :userId and project_id = :projectId")
        .bind("userId", userId)
        .bind("projectId", projectId)
        .mapTo(String.class)
        .findOne()
        .map(RoleDao::role);
  }

  /** Removes the assignment when it is exactly {@code role}; false when there was none. */
  boolean remove(String userId, String projectId, Role role) {
    return handle
            .createUpdate(
                """
                delete from role_assignments
                where user_id = :userId and project_id = :projectId and role = :role
                """)
            .bind("userId", userId)
            .bind("projectId", projectId)
            .bind("role", role.apiName())
            .execute()
        == 1;
  }

  static Role role(String stored) {
    return Role.fromApiName(stored)
        .orElseThrow(() -> new IllegalStateException("unknown role in the database: " + stored));
  }
}
