package io.quartermaster.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.HttpResult;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Request bodies and set-up steps of the identity API, shared by its tests. */
final class Keystone {

  static final String PASSWORD = "correct-horse-battery";

  private Keystone() {}

  /** The password body of {@code POST /v3/auth/tokens} with the given project scope. */
  static Map<String, Object> auth(String user, String password, Map<String, String> project) {
    Map<String, Object> userPart =
        Map.of("name", user, "password", password, "domain", Map.of("name", "default"));
    return Map.of(
        "auth",
        Map.of(
            "identity",
            Map.of("methods", List.of("password"), "password", Map.of("user", userPart)),
            "scope",
            Map.of("project", project)));
  }

  static Map<String, Object> authByName(String user, String password, String projectName) {
    return auth(user, password, Map.of("name", projectName));
  }

  static String uniqueName(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Creates a user with {@link #PASSWORD} and returns its id. */
  static String createUser(ApiClient admin, String name) {
    HttpResult result =
        admin.post("/v3/users", Map.of("user", Map.of("name", name, "password", PASSWORD)));
    assertEquals(201, result.status(), result::toString);
    return result.body().at("/user/id").asText();
  }

  static void grant(ApiClient admin, String projectId, String userId, String role) {
    HttpResult result = admin.send("PUT", rolePath(projectId, userId) + "/" + role, null);
    assertEquals(204, result.status(), result::toString);
  }

  static String rolePath(String projectId, String userId) {
    return "/v3/projects/" + projectId + "/users/" + userId + "/roles";
  }

  /** Logs in and returns the token. */
  static String token(ApiClient anonymous, String user, String password, String projectName) {
    HttpResult result = anonymous.post("/v3/auth/tokens", authByName(user, password, projectName));
    assertEquals(201, result.status(), result::toString);
    return result.header("X-Subject-Token");
  }

  /** Asserts Keystone's error body: {@code {"error":{"code","title","message"}}}. */
  static void assertKeystoneError(int status, String title, HttpResult result) {
    assertEquals(status, result.status(), result::toString);
    assertEquals(status, result.body().at("/error/code").asInt(), result::toString);
    assertEquals(title, result.body().at("/error/title").asText(), result::toString);
    assertEquals(1, result.body().size(), result::toString);
  }
}
