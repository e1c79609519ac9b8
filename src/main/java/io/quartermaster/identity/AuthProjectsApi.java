package io.quartermaster.identity;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.quartermaster.http.HttpExchange;

/**
 * Keystone's {@code GET /v3/auth/projects}: the projects the token's user can scope a token to, so
 * that a client (the web console's project switcher) can offer them. Any valid token will do; the
 * answer depends on its user only, not on the project it is scoped to.
 */
final class AuthProjectsApi implements HttpService {

  private final IdentityAdmin admin;
  private final TokenAccessControl access;

  AuthProjectsApi(IdentityAdmin admin, TokenAccessControl access) {
    this.admin = admin;
    this.access = access;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get("/v3/auth/projects", this::list);
  }

  private void list(ServerRequest req, ServerResponse res) {
    TokenDao.TokenHolder holder = access.authenticateUser(req);
    HttpExchange.ok(
        res,
        IdentityViews.authProjects(
            admin.scopableProjects(holder.userId(), holder.globalAdmin()),
            req.requestedUri().toUri().toString()));
  }
}
