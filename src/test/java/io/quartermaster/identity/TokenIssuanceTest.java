package io.quartermaster.identity;

import static io.quartermaster.identity.Keystone.assertKeystoneError;
import static io.quartermaster.identity.Keystone.authByName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenIssuanceTest {

  private final TestServer server = TestServer.get();
  private final ApiClient anonymous = server.client();

  @Test
  void issuesATokenScopedByProjectName() {
    Tenant tenant = server.newTenant();
    String user = tenant.memberName();
    HttpResult result =
        anonymous.post("/v3/auth/tokens", authByName(user, Tenant.PASSWORD, tenant.projectName()));

    assertEquals(201, result.status(), result::toString);
    assertTrue(result.header("X-Subject-Token").matches("[A-Za-z0-9_-]{43}"));
    assertTrue(result.header("Content-Type").startsWith("application/json"));
    JsonNode token = result.body().get("token");
    assertEquals("[\"password\"]", token.get("methods").toString());
    assertEquals(tenant.projectId(), token.at("/project/id").asText());
    assertEquals(tenant.projectName(), token.at("/project/name").asText());
    assertEquals(user, token.at("/user/name").asText());
    assertTrue(token.at("/user/id").asText().matches("[0-9a-f]{32}"));
    assertEquals("default", token.at("/user/domain/name").asText());
    assertEquals("[{\"name\":\"member\"}]", token.get("roles").toString());
    Instant issued = Instant.parse(token.get("issued_at").asText());
    Instant expires = Instant.parse(token.get("expires_at").asText());
    assertEquals(Duration.ofHours(24), Duration.between(issued, expires));
    assertTrue(Duration.between(issued, server.clock().instant()).abs().toMinutes() < 1);
  }

  @Test
  void issuesATokenScopedByProjectId() {
    Tenant tenant = server.newTenant();
    HttpResult result =
        anonymous.post(
            "/v3/auth/tokens",
            Keystone.auth(tenant.viewerName(), Tenant.PASSWORD, Map.of("id", tenant.projectId())));
    assertEquals(201, result.status(), result::toString);
    assertEquals(tenant.projectName(), result.body().at("/token/project/name").asText());
    assertEquals("[{\"name\":\"viewer\"}]", result.body().at("/token/roles").toString());
  }

  @Test
  void theGlobalAdminGetsRoleAdminInAnyProject() {
    Tenant tenant = server.newTenant();
    HttpResult result =
        anonymous.post(
            "/v3/auth/tokens",
            authByName("admin", TestServer.ADMIN_PASSWORD, tenant.projectName()));
    assertEquals(201, result.status(), result::toString);
    assertEquals("[{\"name\":\"admin\"}]", result.body().at("/token/roles").toString());
  }

  @Test
  void unknownUserAndWrongPasswordGetTheSame401() {
    HttpResult unknown =
        anonymous.post("/v3/auth/tokens", authByName("nobody-at-all", "whatever-pw", "default"));
    HttpResult wrong =
        anonymous.post("/v3/auth/tokens", authByName("admin", "not-the-password", "default"));
    assertKeystoneError(401, "Unauthorized", unknown);
    assertEquals(unknown.rawBody(), wrong.rawBody());
    assertNull(wrong.header("X-Subject-Token"));
  }

  @Test
  void aDisabledUserOrAForeignDomainGetsThatSame401() {
    ApiClient admin = server.adminClient();
    String name = Keystone.uniqueName("disabled");
    String id = Keystone.createUser(admin, name);
    Keystone.grant(admin, defaultProjectId(admin), id, "viewer");
    assertEquals(
        200, admin.patch("/v3/users/" + id, Map.of("user", Map.of("enabled", false))).status());
    HttpResult disabled =
        anonymous.post("/v3/auth/tokens", authByName(name, Keystone.PASSWORD, "default"));
    HttpResult wrong =
        anonymous.post("/v3/auth/tokens", authByName("admin", "not-the-password", "default"));
    Map<String, Object> user =
        Map.of(
            "name",
            "admin",
            "password",
            TestServer.ADMIN_PASSWORD,
            "domain",
            Map.of("name", "other"));
    HttpResult foreign =
        anonymous.post(
            "/v3/auth/tokens",
            Map.of(
                "auth",
                Map.of(
                    "identity",
                    Map.of("methods", new String[] {"password"}, "password", Map.of("user", user)),
                    "scope",
                    Map.of("project", Map.of("name", "default")))));
    assertKeystoneError(401, "Unauthorized", disabled);
    assertEquals(wrong.rawBody(), disabled.rawBody());
    assertEquals(wrong.rawBody(), foreign.rawBody());
  }

  @Test
  void aUserWithoutARoleInTheProjectOrAnUnknownProjectGets401() {
    Tenant tenant = server.newTenant();
    Tenant other = server.newTenant();
    HttpResult noRole =
        anonymous.post(
            "/v3/auth/tokens",
            authByName(tenant.memberName(), Tenant.PASSWORD, other.projectName()));
    HttpResult noProject =
        anonymous.post(
            "/v3/auth/tokens", authByName(tenant.memberName(), Tenant.PASSWORD, "no-such-project"));
    assertKeystoneError(401, "Unauthorized", noRole);
    assertKeystoneError(401, "Unauthorized", noProject);
    assertEquals(noRole.rawBody(), noProject.rawBody());
  }

  @Test
  void malformedBodiesGetA400InKeystoneShape() {
    for (String body :
        new String[] {
          "not json",
          "[]",
          "{}",
          "{\"auth\":{}}",
          "{\"auth\":{\"identity\":{\"methods\":[\"token\"],\"password\":{\"user\":{\"name\":\"admin\",\"password\":\"x\"}}},\"scope\":{\"project\":{\"name\":\"default\"}}}}",
          "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":7,\"password\":\"x\"}}},\"scope\":{\"project\":{\"name\":\"default\"}}}}",
          "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":\"admin\"}}},\"scope\":{\"project\":{\"name\":\"default\"}}}}",
          "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":\"admin\",\"password\":\"x\"}}}}}",
          "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":\"admin\",\"password\":\"x\"}}},\"scope\":{\"project\":{}}}}",
        }) {
      HttpResult result = anonymous.post("/v3/auth/tokens", body);
      assertKeystoneError(400, "Bad Request", result);
      assertTrue(result.body().at("/error/message").asText().startsWith("Bad request: "), body);
    }
  }

  @Test
  void tokensAreStoredOnlyAsTheirSha256() {
    HttpResult result =
        anonymous.post(
            "/v3/auth/tokens", authByName("admin", TestServer.ADMIN_PASSWORD, "default"));
    String token = result.header("X-Subject-Token");
    int inClear =
        server
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery("select count(*) from tokens t where t::text like :pattern")
                        .bind("pattern", "%" + token + "%")
                        .mapTo(Integer.class)
                        .one());
    int hashed =
        server
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery("select count(*) from tokens where token_hash = :hash")
                        .bind("hash", Tokens.hash(token))
                        .mapTo(Integer.class)
                        .one());
    assertEquals(0, inClear);
    assertEquals(1, hashed);
    assertEquals(64, Tokens.hash(token).length());
  }

  private static String defaultProjectId(ApiClient admin) {
    return admin.get("/v3/projects?name=default").body().at("/projects/0/id").asText();
  }
}
