package io.quartermaster.flavor;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.quartermaster.http.HttpExchange;
import io.quartermaster.identity.AccessControl;
import io.quartermaster.identity.Role;

/** {@code GET /v1/{project_id}/resourceflavors}: the flavor catalog. */
public final class FlavorApi implements HttpService {

  private final AccessControl access;
  private final FlavorCatalog catalog;

  public FlavorApi(AccessControl access, FlavorCatalog catalog) {
    this.access = access;
    this.catalog = catalog;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get("/v1/{projectId}/resourceflavors", this::list);
  }

  private void list(ServerRequest req, ServerResponse res) {
    String projectId = req.path().pathParameters().get("projectId");
    access.authorize(req, projectId, Role.VIEWER, "modelarts:resourceflavor:list");
    HttpExchange.ok(res, ResourceFlavorList.of(catalog.all()));
  }
}
