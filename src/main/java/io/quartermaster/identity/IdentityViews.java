package io.quartermaster.identity;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The JSON of the {@code /v3} APIs, in Keystone's shape and snake_case; kept apart from rows. */
final class IdentityViews {

  // Keystone's timestamp format: ISO-8601 in UTC with microseconds.
  private static final DateTimeFormatter KEYSTONE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private IdentityViews() {}

  record Domain(String id, String name) {
    static final Domain DEFAULT = new Domain(PasswordLogin.DOMAIN, PasswordLogin.DOMAIN);
  }

  record NamedRole(String name) {}

  record Project(String id, String name, String description, String domain_id, boolean enabled) {
    static Project of(ProjectRow row) {
      return new Project(
          row.id(), row.name(), row.description(), PasswordLogin.DOMAIN, row.enabled());
    }
  }

  record ProjectBody(Project project) {}

  record ProjectList(List<Project> projects) {}

  /** Keystone's {@code GET /v3/auth/projects} answer. */
  record AuthProjectList(List<Project> projects, Links links) {}

  record Links(String self) {}

  record User(String id, String name, String domain_id, boolean enabled) {
    static User of(UserRow row) {
      return new User(row.id(), row.name(), PasswordLogin.DOMAIN, row.enabled());
    }
  }

  record UserBody(User user) {}

  record UserList(List<User> users) {}

  record RoleList(List<NamedRole> roles) {}

  record TokenBody(Token token) {}

  record Token(
      String expires_at,
      String issued_at,
      List<String> methods,
      TokenProject project,
      TokenUser user,
      List<NamedRole> roles) {}

  record TokenProject(String id, String name, Domain domain) {}

  record TokenUser(String id, String name, Domain domain) {}

  static ProjectBody project(ProjectRow row) {
    return new ProjectBody(Project.of(row));
  }

  static ProjectList projects(List<ProjectRow> rows) {
    return new ProjectList(rows.stream().map(Project::of).toList());
  }

  static AuthProjectList authProjects(List<ProjectRow> rows, String self) {
    return new AuthProjectList(rows.stream().map(Project::of).toList(), new Links(self));
  }

  static UserBody user(UserRow row) {
    return new UserBody(User.of(row));
  }

  static UserList users(List<UserRow> rows) {
    return new UserList(rows.stream().map(User::of).toList());
  }

  static RoleList roles(List<Role> roles) {
    return new RoleList(roles.stream().map(r -> new NamedRole(r.apiName())).toList());
  }

  static TokenBody token(IssuedToken issued) {
    return new TokenBody(
        new Token(
            time(issued.expiresAt()),
            time(issued.issuedAt()),
            List.of("password"),
            new TokenProject(issued.project().id(), issued.project().name(), Domain.DEFAULT),
            new TokenUser(issued.user().id(), issued.user().name(), Domain.DEFAULT),
            List.of(new NamedRole(issued.role().apiName()))));
  }

  static String time(Instant instant) {
    return KEYSTONE_TIME.format(instant);
  }
}
