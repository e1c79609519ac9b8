package io.quartermaster.testing;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Creates projects, users and tokens through the service's own identity API, for tests; of the
 * shared {@link TestServer} or of a service a test starts itself.
 */
public final class Identities {

  private final ApiClient anonymous;

  public Identities(ApiClient anonymous) {
    this.anonymous = anonymous;
  }

  public ApiClient login(String user, String password, String project) {
    HttpResult result = anonymous.post("/v3/auth/tokens", passwordAuth(user, password, project));
    expect(201, result, "token for " + user + " in " + project);
    return anonymous.withToken(result.header("X-Subject-Token"));
  }

  public Tenant newTenant(ApiClient admin) {
    return newTenant(admin, "t");
  }

  /** A tenant whose project is named {@code prefix-} and a random suffix. */
  public Tenant newTenant(ApiClient admin, String prefix) {
    int suffix = prefix.equals("t") ? 16 : 4;
    String name = prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, suffix);
    HttpResult project =
        admin.post("/v3/projects", Map.of("project", Map.of("name", name, "description", "test")));
    expect(201, project, "project " + name);
    String projectId = project.body().at("/project/id").asText();
    createUser(admin, projectId, name + "-member", "member");
    createUser(admin, projectId, name + "-viewer", "viewer");
    return new Tenant(
        projectId,
        name,
        login("admin", TestServer.ADMIN_PASSWORD, name),
        login(name + "-member", Tenant.PASSWORD, name),
        login(name + "-viewer", Tenant.PASSWORD, name));
  }

  private static void createUser(ApiClient admin, String projectId, String name, String role) {
    HttpResult user =
        admin.post("/v3/users", Map.of("user", Map.of("name", name, "password", Tenant.PASSWORD)));
    expect(201, user, "user " + name);
    String userId = user.body().at("/user/id").asText();
    String path = "/v3/projects/" + projectId + "/users/" + userId + "/roles/" + role;
    expect(204, admin.send("PUT", path, null), "role " + role + " for " + name);
  }

  /** The Keystone password body of {@code POST /v3/auth/tokens}, scoped by project name. */
  public static Map<String, Object> passwordAuth(String user, String password, String project) {
    Map<String, Object> userPart =
        Map.of("name", user, "password", password, "domain", Map.of("name", "default"));
    return Map.of(
        "auth",
        Map.of(
            "identity",
            Map.of("methods", List.of("password"), "password", Map.of("user", userPart)),
            "scope",
            Map.of("project", Map.of("name", project))));
  }

  private static void expect(int status, HttpResult result, String what) {
    if (result.status() != status) {
      throw new IllegalStateException("could not create " + what + ": " + result);
    }
  }
}
