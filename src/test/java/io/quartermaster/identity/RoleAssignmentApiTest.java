package io.quartermaster.identity;

import static io.quartermaster.identity.Keystone.assertKeystoneError;
import static io.quartermaster.identity.Keystone.rolePath;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import org.junit.jupiter.api.Test;

class RoleAssignmentApiTest {

  private static final String UNKNOWN_ID = "0123456789abcdef0123456789abcdef";

  private final TestServer server = TestServer.get();
  private final ApiClient admin = server.adminClient();

  private String roles(String projectId, String userId) {
    HttpResult result = admin.get(rolePath(projectId, userId));
    assertEquals(200, result.status(), result::toString);
    return result.body().get("roles").toString();
  }

  private HttpResult put(ApiClient caller, String projectId, String userId, String role) {
    return caller.send("PUT", rolePath(projectId, userId) + "/" + role, null);
  }

  @Test
  void aRoleIsAssignedReplacedAndRemoved() {
    Tenant tenant = server.newTenant();
    String userId = Keystone.createUser(admin, Keystone.uniqueName("roles"));
    assertEquals("[]", roles(tenant.projectId(), userId));

    assertEquals(204, put(admin, tenant.projectId(), userId, "viewer").status());
    assertEquals("[{\"name\":\"viewer\"}]", roles(tenant.projectId(), userId));
    assertEquals(204, put(admin, tenant.projectId(), userId, "member").status());
    assertEquals("[{\"name\":\"member\"}]", roles(tenant.projectId(), userId));
    assertEquals(204, put(admin, tenant.projectId(), userId, "member").status());
    assertEquals("[{\"name\":\"member\"}]", roles(tenant.projectId(), userId));

    assertEquals(204, admin.delete(rolePath(tenant.projectId(), userId) + "/member").status());
    assertEquals("[]", roles(tenant.projectId(), userId));
  }

  @Test
  void removingARoleTheUserDoesNotHoldIs404AndKeepsTheRole() {
    Tenant tenant = server.newTenant();
    String userId = Keystone.createUser(admin, Keystone.uniqueName("keeps"));
    Keystone.grant(admin, tenant.projectId(), userId, "member");
    assertKeystoneError(
        404, "Not Found", admin.delete(rolePath(tenant.projectId(), userId) + "/viewer"));
    assertKeystoneError(
        404, "Not Found", admin.delete(rolePath(tenant.projectId(), userId) + "/owner"));
    assertEquals("[{\"name\":\"member\"}]", roles(tenant.projectId(), userId));
  }

  @Test
  void unknownProjectsUsersAndRolesAre404AndAssignNothing() {
    Tenant tenant = server.newTenant();
    String userId = Keystone.createUser(admin, Keystone.uniqueName("nowhere"));
    assertKeystoneError(404, "Not Found", put(admin, UNKNOWN_ID, userId, "member"));
    assertKeystoneError(404, "Not Found", put(admin, tenant.projectId(), UNKNOWN_ID, "member"));
    assertKeystoneError(404, "Not Found", put(admin, tenant.projectId(), userId, "owner"));
    assertKeystoneError(404, "Not Found", put(admin, tenant.projectId(), userId, "Member"));
    assertKeystoneError(404, "Not Found", admin.get(rolePath(UNKNOWN_ID, userId)));
    assertKeystoneError(404, "Not Found", admin.get(rolePath(tenant.projectId(), UNKNOWN_ID)));
    assertEquals("[]", roles(tenant.projectId(), userId));
  }

  @Test
  void onlyTheGlobalAdminManagesRoles() {
    Tenant tenant = server.newTenant();
    String userId = Keystone.createUser(admin, Keystone.uniqueName("grantee"));
    Keystone.grant(admin, tenant.projectId(), userId, "viewer");
    for (ApiClient caller : new ApiClient[] {tenant.member(), tenant.viewer()}) {
      assertKeystoneError(403, "Forbidden", put(caller, tenant.projectId(), userId, "admin"));
      assertKeystoneError(403, "Forbidden", caller.get(rolePath(tenant.projectId(), userId)));
      assertKeystoneError(
          403, "Forbidden", caller.delete(rolePath(tenant.projectId(), userId) + "/viewer"));
    }
    assertEquals("[{\"name\":\"viewer\"}]", roles(tenant.projectId(), userId));
  }
}
