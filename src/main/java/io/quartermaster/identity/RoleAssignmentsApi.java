package io.quartermaster.identity;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.quartermaster.http.HttpExchange;

/**
 * {@code /v3/projects/{project_id}/users/{user_id}/roles}: a user's role in a project, for global
 * admins. Roles are named ({@code viewer}, {@code member}, {@code admin}) where Keystone uses ids.
 */
final class RoleAssignmentsApi implements HttpService {

  private static final String ROLES = "/v3/projects/{projectId}/users/{userId}/roles";

  private final IdentityAdmin admin;
  private final TokenAccessControl access;

  RoleAssignmentsApi(IdentityAdmin admin, TokenAccessControl access) {
    this.admin = admin;
    this.access = access;
  }

  @Override
  public void routing(HttpRules rules) {
    rules
        .get(ROLES, this::list)
        .put(ROLES + "/{role}", this::assign)
        .delete(ROLES + "/{role}", this::remove);
  }

  private void list(ServerRequest req, ServerResponse res) {
    access.authorizeGlobalAdmin(req, "identity:list_grants");
    HttpExchange.ok(
        res, IdentityViews.roles(admin.roles(param(req, "projectId"), param(req, "userId"))));
  }

  private void assign(ServerRequest req, ServerResponse res) {
    access.authorizeGlobalAdmin(req, "identity:create_grant");
    admin.assignRole(param(req, "projectId"), param(req, "userId"), param(req, "role"));
    res.status(Status.NO_CONTENT_204).send();
  }

  private void remove(ServerRequest req, ServerResponse res) {
    access.authorizeGlobalAdmin(req, "identity:revoke_grant");
    admin.removeRole(param(req, "projectId"), param(req, "userId"), param(req, "role"));
    res.status(Status.NO_CONTENT_204).send();
  }

  private static String param(ServerRequest req, String name) {
    return req.path().pathParameters().get(name);
  }
}
