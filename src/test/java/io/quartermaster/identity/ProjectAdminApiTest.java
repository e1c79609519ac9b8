package io.quartermaster.identity;

import static io.quartermaster.identity.Keystone.assertKeystoneError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProjectAdminApiTest {

  private final TestServer server = TestServer.get();
  private final ApiClient admin = server.adminClient();

  private static Map<String, Object> project(Object name, Object description) {
    return Map.of("project", Map.of("name", name, "description", description));
  }

  private int countNamed(String name) {
    return admin.get("/v3/projects?name=" + name).body().get("projects").size();
  }

  @Test
  void createsAProjectAndReadsItBack() {
    String name = Keystone.uniqueName("proj");
    HttpResult created = admin.post("/v3/projects", project(name, "Team pools"));

    assertEquals(201, created.status(), created::toString);
    JsonNode body = created.body().get("project");
    assertTrue(body.get("id").asText().matches("[0-9a-f]{32}"));
    assertEquals(name, body.get("name").asText());
    assertEquals("Team pools", body.get("description").asText());
    assertEquals("default", body.get("domain_id").asText());
    assertTrue(body.get("enabled").asBoolean());

    HttpResult shown = admin.get("/v3/projects/" + body.get("id").asText());
    assertEquals(200, shown.status());
    assertEquals(created.body(), shown.body());
    HttpResult listed = admin.get("/v3/projects");
    assertEquals(200, listed.status());
    assertTrue(listed.body().get("projects").toString().contains(body.toString()));
    assertEquals(1, countNamed(name));
    assertEquals(1, countNamed("default"));
  }

  @Test
  void aDuplicateNameIs409AndKeepsTheFirstProject() {
    String name = Keystone.uniqueName("dup");
    HttpResult first = admin.post("/v3/projects", project(name, "first"));
    HttpResult second = admin.post("/v3/projects", project(name, "second"));
    assertKeystoneError(409, "Conflict", second);
    JsonNode listed = admin.get("/v3/projects?name=" + name).body().get("projects");
    assertEquals(1, listed.size());
    assertEquals(first.body().get("project"), listed.get(0));
  }

  @Test
  void badBodiesAre400AndCreateNothing() {
    String name = Keystone.uniqueName("bad");
    Object[] bodies = {
      "not json",
      Map.of("name", name),
      Map.of("project", "x"),
      Map.of("project", Map.of("description", "no name")),
      Map.of("project", Map.of("name", 42)),
      project(name + " space", ""),
      project(name + "/slash", ""),
      project("", ""),
      project(name + "x".repeat(64), ""),
      project(name, "d".repeat(256)),
      project(name, 7),
      Map.of("project", Map.of("name", name, "domain_id", "other")),
    };
    for (Object body : bodies) {
      HttpResult result = admin.post("/v3/projects", body);
      assertKeystoneError(400, "Bad Request", result);
    }
    assertEquals(0, countNamed(name));
  }

  @Test
  void namesOfSixtyFourAllowedCharactersAreAccepted() {
    String name = Keystone.uniqueName("A.b_c").concat("-").concat("9".repeat(50)).substring(0, 64);
    assertEquals(201, admin.post("/v3/projects", project(name, "")).status());
  }

  @Test
  void anUnknownProjectIs404() {
    assertKeystoneError(
        404, "Not Found", admin.get("/v3/projects/0123456789abcdef0123456789abcdef"));
    assertKeystoneError(404, "Not Found", admin.get("/v3/projects/not-an-id"));
  }

  @Test
  void onlyTheGlobalAdminManagesProjects() {
    Tenant tenant = server.newTenant();
    String name = Keystone.uniqueName("denied");
    for (ApiClient caller : new ApiClient[] {tenant.member(), tenant.viewer()}) {
      assertKeystoneError(403, "Forbidden", caller.post("/v3/projects", project(name, "")));
      assertKeystoneError(403, "Forbidden", caller.get("/v3/projects"));
      assertKeystoneError(403, "Forbidden", caller.get("/v3/projects/" + tenant.projectId()));
    }
    assertEquals(0, countNamed(name));
  }

  @Test
  void callsWithoutAValidTokenAre401() {
    HttpResult missing = server.client().get("/v3/projects");
    assertKeystoneError(401, "Unauthorized", missing);
    assertEquals("X-Auth-Token is missing", missing.body().at("/error/message").asText());
    HttpResult invalid = server.client().withToken("nonsense").get("/v3/projects");
    assertEquals("token is invalid", invalid.body().at("/error/message").asText());
  }
}
