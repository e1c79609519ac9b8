package io.quartermaster.identity;

import static io.quartermaster.identity.Keystone.PASSWORD;
import static io.quartermaster.identity.Keystone.assertKeystoneError;
import static io.quartermaster.identity.Keystone.authByName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserAdminApiTest {

  private static final String UNKNOWN_ID = "0123456789abcdef0123456789abcdef";

  private final TestServer server = TestServer.get();
  private final ApiClient admin = server.adminClient();
  private final ApiClient anonymous = server.client();

  private JsonNode usersNamed(String name) {
    return admin.get("/v3/users?name=" + name).body().get("users");
  }

  private int login(String name, String password, String project) {
    return anonymous.post("/v3/auth/tokens", authByName(name, password, project)).status();
  }

  /** A user with role member in a fresh project; returns {id, project name}. */
  private String[] memberOfNewProject(String name) {
    Tenant tenant = server.newTenant();
    String id = Keystone.createUser(admin, name);
    Keystone.grant(admin, tenant.projectId(), id, "member");
    return new String[] {id, tenant.projectName()};
  }

  @Test
  void createsAUserAndNeverShowsItsPassword() {
    String name = Keystone.uniqueName("user");
    HttpResult created =
        admin.post("/v3/users", Map.of("user", Map.of("name", name, "password", PASSWORD)));

    assertEquals(201, created.status(), created::toString);
    JsonNode user = created.body().get("user");
    assertTrue(user.get("id").asText().matches("[0-9a-f]{32}"));
    assertEquals(name, user.get("name").asText());
    assertEquals("default", user.get("domain_id").asText());
    assertTrue(user.get("enabled").asBoolean());
    assertEquals(4, user.size(), user::toString);
    HttpResult shown = admin.get("/v3/users/" + user.get("id").asText());
    assertEquals(created.body(), shown.body());
    HttpResult listed = admin.get("/v3/users");
    assertTrue(listed.body().get("users").toString().contains(user.toString()));
    for (HttpResult result : new HttpResult[] {created, shown, listed}) {
      assertFalse(result.rawBody().contains(PASSWORD));
      assertFalse(result.rawBody().contains("pbkdf2"));
    }
  }

  @Test
  void aUserCreatedDisabledCannotLogIn() {
    String name = Keystone.uniqueName("off");
    HttpResult created =
        admin.post(
            "/v3/users",
            Map.of("user", Map.of("name", name, "password", PASSWORD, "enabled", false)));
    assertEquals(201, created.status(), created::toString);
    assertFalse(created.body().at("/user/enabled").asBoolean());
    Tenant tenant = server.newTenant();
    Keystone.grant(admin, tenant.projectId(), created.body().at("/user/id").asText(), "member");
    assertEquals(401, login(name, PASSWORD, tenant.projectName()));
  }

  @Test
  void aDuplicateNameIs409() {
    String name = Keystone.uniqueName("twice");
    String id = Keystone.createUser(admin, name);
    HttpResult again =
        admin.post("/v3/users", Map.of("user", Map.of("name", name, "password", "other-password")));
    assertKeystoneError(409, "Conflict", again);
    assertEquals(1, usersNamed(name).size());
    assertEquals(id, usersNamed(name).get(0).get("id").asText());
    assertKeystoneError(
        409,
        "Conflict",
        admin.post("/v3/users", Map.of("user", Map.of("name", "admin", "password", PASSWORD))));
  }

  @Test
  void badBodiesAre400AndCreateNothing() {
    String name = Keystone.uniqueName("bad");
    Object[] bodies = {
      "{",
      Map.of("name", name, "password", PASSWORD),
      Map.of("user", Map.of("password", PASSWORD)),
      Map.of("user", Map.of("name", name)),
      Map.of("user", Map.of("name", name + "!", "password", PASSWORD)),
      Map.of("user", Map.of("name", name + "x".repeat(64), "password", PASSWORD)),
      Map.of("user", Map.of("name", name, "password", "7-chars")),
      Map.of("user", Map.of("name", name, "password", "p".repeat(129))),
      Map.of("user", Map.of("name", name, "password", 12345678)),
      Map.of("user", Map.of("name", name, "password", PASSWORD, "enabled", "yes")),
      Map.of("user", Map.of("name", name, "password", PASSWORD, "domain_id", "other")),
    };
    for (Object body : bodies) {
      assertKeystoneError(400, "Bad Request", admin.post("/v3/users", body));
    }
    assertEquals(0, usersNamed(name).size());
  }

  @Test
  void passwordsOfEightAndOf128CharactersAreAccepted() {
    for (String password : new String[] {"8-chars!", "p".repeat(128)}) {
      String name = Keystone.uniqueName("len");
      HttpResult created =
          admin.post("/v3/users", Map.of("user", Map.of("name", name, "password", password)));
      assertEquals(201, created.status(), created::toString);
    }
  }

  @Test
  void changingThePasswordRevokesTokensAndSwapsTheCredential() {
    String name = Keystone.uniqueName("pw");
    String[] user = memberOfNewProject(name);
    String oldToken = Keystone.token(anonymous, name, PASSWORD, user[1]);
    HttpResult changed =
        admin.patch(
            "/v3/users/" + user[0], Map.of("user", Map.of("password", "brand-new-password")));
    assertEquals(200, changed.status(), changed::toString);
    assertFalse(changed.rawBody().contains("brand-new-password"));
    assertEquals(401, login(name, PASSWORD, user[1]));
    assertEquals(201, login(name, "brand-new-password", user[1]));
    assertEquals(0, tokenCount(oldToken));
  }

  @Test
  void disablingAndEnablingAUserControlsItsLogin() {
    String name = Keystone.uniqueName("toggle");
    String[] user = memberOfNewProject(name);
    HttpResult disabled =
        admin.patch("/v3/users/" + user[0], Map.of("user", Map.of("enabled", false)));
    assertEquals(200, disabled.status(), disabled::toString);
    assertFalse(disabled.body().at("/user/enabled").asBoolean());
    assertEquals(401, login(name, PASSWORD, user[1]));
    admin.patch("/v3/users/" + user[0], Map.of("user", Map.of("enabled", true)));
    assertEquals(201, login(name, PASSWORD, user[1]));
  }

  @Test
  void badChangesAre400AndChangeNothing() {
    String name = Keystone.uniqueName("keep");
    String[] user = memberOfNewProject(name);
    Object[] bodies = {
      "[]",
      Map.of("enabled", false),
      Map.of("user", Map.of("name", "renamed")),
      Map.of("user", Map.of("enabled", "no")),
      Map.of("user", Map.of("password", "short")),
      Map.of("user", Map.of("password", "long-enough-password", "enabled", 0)),
    };
    for (Object body : bodies) {
      assertKeystoneError(400, "Bad Request", admin.patch("/v3/users/" + user[0], body));
    }
    JsonNode unchanged = admin.get("/v3/users/" + user[0]).body().get("user");
    assertEquals(name, unchanged.get("name").asText());
    assertTrue(unchanged.get("enabled").asBoolean());
    assertEquals(201, login(name, PASSWORD, user[1]));
  }

  @Test
  void deletingAUserRemovesItAndItsLogin() {
    String name = Keystone.uniqueName("gone");
    String[] user = memberOfNewProject(name);
    HttpResult deleted = admin.delete("/v3/users/" + user[0]);
    assertEquals(204, deleted.status());
    assertKeystoneError(404, "Not Found", admin.get("/v3/users/" + user[0]));
    assertEquals(0, usersNamed(name).size());
    assertEquals(401, login(name, PASSWORD, user[1]));
    assertKeystoneError(404, "Not Found", admin.delete("/v3/users/" + user[0]));
  }

  @Test
  void unknownUsersAre404() {
    assertKeystoneError(404, "Not Found", admin.get("/v3/users/" + UNKNOWN_ID));
    assertKeystoneError(
        404,
        "Not Found",
        admin.patch("/v3/users/" + UNKNOWN_ID, Map.of("user", Map.of("enabled", true))));
    assertKeystoneError(404, "Not Found", admin.delete("/v3/users/" + UNKNOWN_ID));
  }

  @Test
  void anAdminCannotDisableOrDeleteItself() {
    String adminId = usersNamed("admin").get(0).get("id").asText();
    assertKeystoneError(
        409,
        "Conflict",
        admin.patch("/v3/users/" + adminId, Map.of("user", Map.of("enabled", false))));
    assertKeystoneError(409, "Conflict", admin.delete("/v3/users/" + adminId));
    assertEquals(201, login("admin", TestServer.ADMIN_PASSWORD, "default"));
  }

  @Test
  void onlyTheGlobalAdminManagesUsers() {
    Tenant tenant = server.newTenant();
    String name = Keystone.uniqueName("denied");
    String victim = Keystone.createUser(admin, Keystone.uniqueName("victim"));
    Map<String, Object> create = Map.of("user", Map.of("name", name, "password", PASSWORD));
    for (ApiClient caller : new ApiClient[] {tenant.member(), tenant.viewer()}) {
      assertKeystoneError(403, "Forbidden", caller.post("/v3/users", create));
      assertKeystoneError(403, "Forbidden", caller.get("/v3/users"));
      assertKeystoneError(403, "Forbidden", caller.get("/v3/users/" + victim));
      assertKeystoneError(
          403,
          "Forbidden",
          caller.patch("/v3/users/" + victim, Map.of("user", Map.of("enabled", false))));
      assertKeystoneError(403, "Forbidden", caller.delete("/v3/users/" + victim));
    }
    assertEquals(0, usersNamed(name).size());
    assertTrue(admin.get("/v3/users/" + victim).body().at("/user/enabled").asBoolean());
  }

  private int tokenCount(String token) {
    return server
        .jdbi()
        .withHandle(
            h ->
                h.createQuery("select count(*) from tokens where token_hash = :hash")
                    .bind("hash", Tokens.hash(token))
                    .mapTo(Integer.class)
                    .one());
  }
}
