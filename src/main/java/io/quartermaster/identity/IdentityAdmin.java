package io.quartermaster.identity;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Identity management: projects, users and their roles. Callers are checked by the handlers. */
final class IdentityAdmin {

  private final Jdbi jdbi;
  private final PasswordHasher passwords;
  private final Clock clock;

  IdentityAdmin(Jdbi jdbi, PasswordHasher passwords, Clock clock) {
    this.jdbi = jdbi;
    this.passwords = passwords;
    this.clock = clock;
  }

  ProjectRow createProject(NewProject request) {
    ProjectRow project = new ProjectRow(Ids.newId(), request.name(), request.description(), true);
    boolean created = jdbi.withHandle(h -> new ProjectDao(h).insert(project, clock.instant()));
    if (!created) {
      throw IdentityErrors.nameTaken("project", request.name());
    }
    return project;
  }

  List<ProjectRow> projects(Optional<String> name) {
    return jdbi.withHandle(
        h -> {
          ProjectDao projects = new ProjectDao(h);
          return name.isPresent()
              ? projects.findByName(name.get()).stream().toList()
              : projects.list();
        });
  }

  /**
   * The projects a token of this user can be scoped to: every enabled one for a global admin, else
   * the enabled ones the user has a role in.
   */
  List<ProjectRow> scopableProjects(String userId, boolean globalAdmin) {
    return jdbi.withHandle(
        h -> {
          ProjectDao projects = new ProjectDao(h);
          return globalAdmin
              ? projects.list().stream().filter(ProjectRow::enabled).toList()
              : projects.listScopableBy(userId);
        });
  }

  ProjectRow project(String id) {
    return jdbi.withHandle(h -> new ProjectDao(h).findById(id))
        .orElseThrow(() -> IdentityErrors.notFound("project", id));
  }

  UserRow createUser(NewUser request) {
    UserRow user =
        new UserRow(
            Ids.newId(),
            request.name(),
            passwords.hash(request.password()),
            request.enabled(),
            false);
    boolean created = jdbi.withHandle(h -> new UserDao(h).insert(user, clock.instant()));
    if (!created) {
      throw IdentityErrors.nameTaken("user", request.name());
    }
    return user;
  }

  List<UserRow> users(Optional<String> name) {
    return jdbi.withHandle(
        h -> {
          UserDao users = new UserDao(h);
          return name.isPresent() ? users.findByName(name.get()).stream().toList() : users.list();
        });
  }

  UserRow user(String id) {
    return jdbi.withHandle(h -> new UserDao(h).findById(id))
        .orElseThrow(() -> IdentityErrors.notFound("user", id));
  }

  /**
   * Applies {@code change}. A new password or disabling revokes the user's tokens, so that neither
   * a stolen password nor a re-enabled account brings old tokens back.
   */
  UserRow changeUser(Caller actor, String id, UserChange change) {
    String newHash = change.password().map(passwords::hash).orElse(null);
    return jdbi.inTransaction(
        h -> {
          UserDao users = new UserDao(h);
          UserRow current =
              users.lockById(id).orElseThrow(() -> IdentityErrors.notFound("user", id));
          boolean enabled = change.enabled().orElse(current.enabled());
          if (!enabled && current.id().equals(actor.userId())) {
            throw IdentityErrors.notOnYourself("disable");
          }
          UserRow changed =
              new UserRow(
                  current.id(),
                  current.name(),
                  newHash == null ? current.passwordHash() : newHash,
                  enabled,
                  current.globalAdmin());
          users.update(changed);
          if (newHash != null || !enabled) {
            new TokenDao(h).deleteAll(id);
          }
          return changed;
        });
  }

  void deleteUser(Caller actor, String id) {
    if (id.equals(actor.userId())) {
      throw IdentityErrors.notOnYourself("delete");
    }
    if (!jdbi.withHandle(h -> new UserDao(h).delete(id))) {
      throw IdentityErrors.notFound("user", id);
    }
  }

  void assignRole(String projectId, String userId, String roleName) {
    Role role = role(roleName);
    jdbi.useTransaction(
        h -> {
          requireProjectAndUser(h, projectId, userId);
          new RoleDao(h).assign(userId, projectId, role);
        });
  }

  List<Role> roles(String projectId, String userId) {
    return jdbi.withHandle(
        h -> {
          requireProjectAndUser(h, projectId, userId);
          return new RoleDao(h).find(userId, projectId).stream().toList();
        });
  }

  void removeRole(String projectId, String userId, String roleName) {
    Role role = role(roleName);
    jdbi.useTransaction(
        h -> {
          requireProjectAndUser(h, projectId, userId);
          if (!new RoleDao(h).remove(userId, projectId, role)) {
            throw IdentityErrors.notFound("role assignment", roleName);
          }
        });
  }

  private static Role role(String name) {
    return Role.fromApiName(name).orElseThrow(() -> IdentityErrors.notFound("role", name));
  }

  private static void requireProjectAndUser(Handle h, String projectId, String userId) {
    if (new ProjectDao(h).findById(projectId).isEmpty()) {
      throw IdentityErrors.notFound("project", projectId);
    }
    if (new UserDao(h).findById(userId).isEmpty()) {
      throw IdentityErrors.notFound("user", userId);
    }
  }
}
