package io.quartermaster.identity;

import static io.quartermaster.identity.Keystone.assertKeystoneError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /v3/auth/projects}: the projects a token's user may scope a token to. */
class AuthProjectsApiTest {

  private static final String PATH = "/v3/auth/projects";

  private final TestServer server = TestServer.get();
  private final ApiClient admin = server.adminClient();

  private String createProject(String name) {
    HttpResult created =
        admin.post("/v3/projects", Map.of("project", Map.of("name", name, "description", "d")));
    assertEquals(201, created.status(), created::toString);
    return created.body().at("/project/id").asText();
  }

  private static List<String> names(HttpResult result) {
    List<String> names = new ArrayList<>();
    result.body().get("projects").forEach(p -> names.add(p.get("name").asText()));
    return names;
  }

  @Test
  void aUserSeesExactlyTheProjectsTheyHaveARoleIn() {
    String first = Keystone.uniqueName("a-first");
    String second = Keystone.uniqueName("b-second");
    String foreign = Keystone.uniqueName("c-foreign");
    String firstId = createProject(first);
    String secondId = createProject(second);
    createProject(foreign);
    String user = Keystone.uniqueName("switcher");
    String userId = Keystone.createUser(admin, user);
    Keystone.grant(admin, firstId, userId, "viewer");
    Keystone.grant(admin, secondId, userId, "member");
    ApiClient client =
        server.client().withToken(Keystone.token(server.client(), user, Keystone.PASSWORD, first));

    HttpResult listed = client.get(PATH);

    assertEquals(200, listed.status(), listed::toString);
    assertEquals(List.of(first, second), names(listed));
    JsonNode project = listed.body().at("/projects/1");
    assertEquals(secondId, project.get("id").asText());
    assertEquals("default", project.get("domain_id").asText());
    assertTrue(project.get("enabled").asBoolean());
    assertEquals(server.baseUrl() + PATH, listed.body().at("/links/self").asText());
  }

  @Test
  void theAnswerDoesNotDependOnTheTokensProject() {
    String first = Keystone.uniqueName("first");
    String second = Keystone.uniqueName("second");
    String user = Keystone.uniqueName("either");
    String userId = Keystone.createUser(admin, user);
    Keystone.grant(admin, createProject(first), userId, "member");
    Keystone.grant(admin, createProject(second), userId, "member");

    HttpResult fromFirst =
        server
            .client()
            .withToken(Keystone.token(server.client(), user, Keystone.PASSWORD, first))
            .get(PATH);
    HttpResult fromSecond =
        server
            .client()
            .withToken(Keystone.token(server.client(), user, Keystone.PASSWORD, second))
            .get(PATH);

    assertEquals(200, fromFirst.status(), fromFirst::toString);
    assertEquals(fromFirst.body().get("projects"), fromSecond.body().get("projects"));
  }

  @Test
  void aRoleTakenAwayAndADisabledProjectDropOutAtOnce() {
    String kept = Keystone.uniqueName("kept");
    String revoked = Keystone.uniqueName("revoked");
    String disabled = Keystone.uniqueName("disabled");
    String user = Keystone.uniqueName("shrinking");
    String userId = Keystone.createUser(admin, user);
    String keptId = createProject(kept);
    String revokedId = createProject(revoked);
    String disabledId = createProject(disabled);
    for (String projectId : List.of(keptId, revokedId, disabledId)) {
      Keystone.grant(admin, projectId, userId, "viewer");
    }
    ApiClient client =
        server.client().withToken(Keystone.token(server.client(), user, Keystone.PASSWORD, kept));
    assertEquals(3, names(client.get(PATH)).size());

    HttpResult removed =
        admin.send("DELETE", Keystone.rolePath(revokedId, userId) + "/viewer", null);
    assertEquals(204, removed.status(), removed::toString);
    // Projects are disabled only below the API; a token cannot be scoped to one.
    server
        .jdbi()
        .useHandle(
            h ->
                h.createUpdate("update projects set enabled = false where id = :id")
                    .bind("id", disabledId)
                    .execute());

    assertEquals(List.of(kept), names(client.get(PATH)));
  }

  @Test
  void theAdminSeesEveryEnabledProject() {
    String name = Keystone.uniqueName("anyone");
    createProject(name);

    HttpResult listed = admin.get(PATH);

    assertEquals(200, listed.status(), listed::toString);
    List<String> names = names(listed);
    assertTrue(names.contains(name), names::toString);
    assertTrue(names.contains("default"), names::toString);
    List<String> enabled = new ArrayList<>();
    admin
        .get("/v3/projects")
        .body()
        .get("projects")
        .forEach(
            p -> {
              if (p.get("enabled").asBoolean()) {
                enabled.add(p.get("name").asText());
              }
            });
    assertEquals(enabled, names);
  }

  @Test
  void withoutAValidTokenItIs401InKeystonesShape() {
    assertKeystoneError(401, "Unauthorized", server.client().get(PATH));
    assertKeystoneError(401, "Unauthorized", server.client().withToken("not-a-token").get(PATH));
    String user = Keystone.uniqueName("gone");
    String userId = Keystone.createUser(admin, user);
    String project = Keystone.uniqueName("gone");
    Keystone.grant(admin, createProject(project), userId, "viewer");
    ApiClient client =
        server
            .client()
            .withToken(Keystone.token(server.client(), user, Keystone.PASSWORD, project));
    assertEquals(200, client.get(PATH).status());

    admin.patch("/v3/users/" + userId, Map.of("user", Map.of("enabled", false)));

    HttpResult refused = client.get(PATH);
    assertKeystoneError(401, "Unauthorized", refused);
    assertFalse(refused.rawBody().contains(project), refused::toString);
  }
}
