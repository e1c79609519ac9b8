package io.quartermaster.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpService;
import io.quartermaster.http.ApiServer;
import io.quartermaster.http.HttpExchange;
import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gate of the {@code /v1} and {@code /v2} APIs, exercised through a real server whose one
 * route, {@code GET /v1/{project}/probe/{role}}, demands {@code role} in {@code project}.
 */
class AccessControlTest {

  private static final TestServer SERVER = TestServer.get();
  private static WebServer probe;

  @BeforeAll
  static void startProbe() {
    TokenAccessControl access = new TokenAccessControl(SERVER.jdbi(), SERVER.clock());
    HttpService route =
        rules ->
            rules.get(
                "/v1/{project}/probe/{role}",
                (req, res) -> {
                  String role = req.path().pathParameters().get("role");
                  Caller caller =
                      access.authorize(
                          req,
                          req.path().pathParameters().get("project"),
                          Role.fromApiName(role).orElseThrow(),
                          "modelarts:probe:" + role);
                  HttpExchange.ok(res, caller);
                });
    probe = ApiServer.start("127.0.0.1", 0, List.of(route));
  }

  @AfterAll
  static void stopProbe() {
    probe.stop();
  }

  @AfterEach
  void resetClock() {
    SERVER.clock().reset();
  }

  private static HttpResult call(String token, String projectId, String role) {
    return new ApiClient("http://127.0.0.1:" + probe.port(), token)
        .unchecked()
        .get("/v1/" + projectId + "/probe/" + role);
  }

  private static void assertError(int status, String code, String message, HttpResult result) {
    assertEquals(status, result.status(), result::toString);
    assertEquals(code, result.errorCode(), result::toString);
    assertEquals(message, result.body().get("error_msg").asText());
  }

  @Test
  void aMissingTokenIs401() {
    Tenant tenant = SERVER.newTenant();
    assertError(
        401,
        "ModelArts.50001000",
        "X-Auth-Token is missing",
        call(null, tenant.projectId(), "viewer"));
  }

  @Test
  void aMalformedOrUnknownTokenIsInvalid() {
    Tenant tenant = SERVER.newTenant();
    for (String token : new String[] {"garbage", "x".repeat(43), tenant.member().token() + "A"}) {
      assertError(
          401, "ModelArts.50001000", "token is invalid", call(token, tenant.projectId(), "viewer"));
    }
  }

  @Test
  void aTokenExpiresAfterItsLifetime() {
    Tenant tenant = SERVER.newTenant();
    String token = tenant.member().token();
    SERVER.clock().advance(Duration.ofHours(24).minusMinutes(1));
    assertEquals(200, call(token, tenant.projectId(), "member").status());
    SERVER.clock().advance(Duration.ofMinutes(2));
    assertError(
        401, "ModelArts.50001000", "token has expired", call(token, tenant.projectId(), "member"));
  }

  @Test
  void aTokenOfAnotherProjectIs403Mismatch() {
    Tenant tenant = SERVER.newTenant();
    Tenant other = SERVER.newTenant();
    String mismatch = "The project id in the request URL does not match the token.";
    assertError(
        403,
        "ModelArts.0210",
        mismatch,
        call(tenant.member().token(), other.projectId(), "viewer"));
    // The scope is checked before the role: a viewer asking for admin elsewhere hears of the scope.
    assertError(
        403, "ModelArts.0210", mismatch, call(tenant.viewer().token(), other.projectId(), "admin"));
  }

  @Test
  void aRoleBelowTheRequiredOneIs403NotAuthorized() {
    Tenant tenant = SERVER.newTenant();
    assertError(
        403,
        "ModelArts.0108",
        "You are not authorized to perform the (modelarts:probe:member) operation.",
        call(tenant.viewer().token(), tenant.projectId(), "member"));
    assertError(
        403,
        "ModelArts.0108",
        "You are not authorized to perform the (modelarts:probe:admin) operation.",
        call(tenant.member().token(), tenant.projectId(), "admin"));
  }

  @Test
  void aSufficientRoleGetsThroughAsTheCaller() {
    Tenant tenant = SERVER.newTenant();
    HttpResult member = call(tenant.member().token(), tenant.projectId(), "member");
    assertEquals(200, member.status(), member::toString);
    assertEquals(tenant.memberName(), member.body().get("userName").asText());
    assertEquals(tenant.projectId(), member.body().get("projectId").asText());
    assertEquals("MEMBER", member.body().get("role").asText());
    assertEquals(200, call(tenant.member().token(), tenant.projectId(), "viewer").status());
    assertEquals(200, call(tenant.viewer().token(), tenant.projectId(), "viewer").status());
  }

  @Test
  void theGlobalAdminIsAdminInEveryProject() {
    Tenant tenant = SERVER.newTenant();
    Tenant other = SERVER.newTenant();
    HttpResult elsewhere = call(tenant.admin().token(), other.projectId(), "admin");
    assertEquals(200, elsewhere.status(), elsewhere::toString);
    assertEquals("ADMIN", elsewhere.body().get("role").asText());
    assertEquals(other.projectId(), elsewhere.body().get("projectId").asText());
    assertEquals(200, call(SERVER.adminClient().token(), tenant.projectId(), "admin").status());
  }

  @Test
  void aProjectAdminIsAdminOnlyInItsProject() {
    Tenant tenant = SERVER.newTenant();
    Tenant other = SERVER.newTenant();
    ApiClient admin = SERVER.adminClient();
    String name = Keystone.uniqueName("padmin");
    String userId = Keystone.createUser(admin, name);
    Keystone.grant(admin, tenant.projectId(), userId, "admin");
    String token = Keystone.token(SERVER.client(), name, Keystone.PASSWORD, tenant.projectName());
    assertEquals(200, call(token, tenant.projectId(), "admin").status());
    assertEquals("ModelArts.0210", call(token, other.projectId(), "viewer").errorCode());
  }

  @Test
  void disablingAUserStopsItsTokensAtOnce() {
    Tenant tenant = SERVER.newTenant();
    String userId = userIdOf(tenant.memberName());
    String token = tenant.member().token();
    assertEquals(200, call(token, tenant.projectId(), "member").status());
    patchUser(userId, Map.of("enabled", false));
    assertError(
        401, "ModelArts.50001000", "token is invalid", call(token, tenant.projectId(), "member"));
    // Enabling the user again does not revive the tokens it had.
    patchUser(userId, Map.of("enabled", true));
    assertError(
        401, "ModelArts.50001000", "token is invalid", call(token, tenant.projectId(), "member"));
  }

  @Test
  void aDisabledUsersTokenIsRefusedEvenWhenItWasNotRevoked() {
    Tenant tenant = SERVER.newTenant();
    String userId = userIdOf(tenant.viewerName());
    // Below the API, so that only the per-request check of the user can refuse the token.
    SERVER
        .jdbi()
        .useHandle(h -> h.execute("update users set enabled = false where id = ?", userId));
    assertError(
        401,
        "ModelArts.50001000",
        "token is invalid",
        call(tenant.viewer().token(), tenant.projectId(), "viewer"));
  }

  @Test
  void deletingAUserStopsItsTokensAtOnce() {
    Tenant tenant = SERVER.newTenant();
    String userId = userIdOf(tenant.memberName());
    assertEquals(204, SERVER.adminClient().delete("/v3/users/" + userId).status());
    assertError(
        401,
        "ModelArts.50001000",
        "token is invalid",
        call(tenant.member().token(), tenant.projectId(), "viewer"));
  }

  @Test
  void roleChangesTakeEffectOnTheNextRequest() {
    Tenant tenant = SERVER.newTenant();
    ApiClient admin = SERVER.adminClient();
    String userId = userIdOf(tenant.memberName());
    String token = tenant.member().token();
    Keystone.grant(admin, tenant.projectId(), userId, "viewer");
    assertEquals("ModelArts.0108", call(token, tenant.projectId(), "member").errorCode());
    assertEquals(
        204, admin.delete(Keystone.rolePath(tenant.projectId(), userId) + "/viewer").status());
    assertEquals("ModelArts.0108", call(token, tenant.projectId(), "viewer").errorCode());
  }

  private static String userIdOf(String name) {
    return SERVER.adminClient().get("/v3/users?name=" + name).body().at("/users/0/id").asText();
  }

  private static void patchUser(String userId, Map<String, Object> change) {
    HttpResult result = SERVER.adminClient().patch("/v3/users/" + userId, Map.of("user", change));
    assertEquals(200, result.status(), result::toString);
  }
}
