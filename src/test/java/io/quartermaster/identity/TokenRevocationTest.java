package io.quartermaster.identity;

import static io.quartermaster.identity.Keystone.assertKeystoneError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * {@code DELETE /v3/auth/tokens} (Keystone's revocation, an extension here): the token named by
 * {@code X-Subject-Token} is refused from then on; its holder or a global admin may revoke it, and
 * every refusal leaves it working.
 */
class TokenRevocationTest {

  private final TestServer server = TestServer.get();

  private HttpResult revoke(ApiClient caller, String subject) {
    ApiClient call = caller;
    if (subject != null) {
      call = call.withHeader("X-Subject-Token", subject);
    }
    return call.delete("/v3/auth/tokens");
  }

  private HttpResult listOrders(Tenant tenant, ApiClient client) {
    return client.get("/v1/" + tenant.projectId() + "/orders");
  }

  @Test
  void aUserRevokesTheirOwnTokenAndItIsRefusedAtOnce() {
    Tenant tenant = server.newTenant();
    ApiClient member = server.login(tenant.memberName(), Tenant.PASSWORD, tenant.projectName());
    assertEquals(200, listOrders(tenant, member).status());

    HttpResult revoked = revoke(member, member.token());

    assertEquals(204, revoked.status(), revoked::toString);
    assertEquals("", revoked.rawBody());
    HttpResult after = listOrders(tenant, member);
    assertEquals(401, after.status(), after::toString);
    assertEquals(200, listOrders(tenant, tenant.member()).status(), "other tokens still work");
  }

  @Test
  void aGlobalAdminRevokesAnotherUsersToken() {
    Tenant tenant = server.newTenant();
    ApiClient viewer = server.login(tenant.viewerName(), Tenant.PASSWORD, tenant.projectName());

    assertEquals(204, revoke(server.adminClient(), viewer.token()).status());

    assertEquals(401, listOrders(tenant, viewer).status());
  }

  @Test
  void anotherUsersTokenIsNotYoursToRevoke() {
    Tenant tenant = server.newTenant();
    ApiClient viewer = server.login(tenant.viewerName(), Tenant.PASSWORD, tenant.projectName());

    HttpResult refused = revoke(tenant.member(), viewer.token());

    assertKeystoneError(403, "Forbidden", refused);
    assertEquals(200, listOrders(tenant, viewer).status(), "the token still works");
  }

  @Test
  void badRevocationsAreRefusedAndChangeNothing() {
    Tenant tenant = server.newTenant();
    ApiClient member = tenant.member();

    assertKeystoneError(400, "Bad Request", revoke(member, null));
    assertKeystoneError(404, "Not Found", revoke(member, "not-a-token"));
    assertKeystoneError(404, "Not Found", revoke(member, "A".repeat(43)));
    assertKeystoneError(401, "Unauthorized", revoke(server.client(), member.token()));
    assertKeystoneError(
        401, "Unauthorized", revoke(server.client().withToken("B".repeat(43)), member.token()));
    assertEquals(200, listOrders(tenant, member).status(), "the token still works");
    ApiClient once = server.login(tenant.viewerName(), Tenant.PASSWORD, tenant.projectName());
    assertEquals(204, revoke(once, once.token()).status());
    assertKeystoneError(401, "Unauthorized", revoke(once, once.token()));
  }
}
