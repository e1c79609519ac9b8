package io.quartermaster.order;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.quartermaster.http.HttpExchange;
import io.quartermaster.identity.AccessControl;
import io.quartermaster.identity.Role;

/** {@code GET /v1/{project_id}/orders} and {@code GET /v1/{project_id}/orders/{order_name}}. */
final class OrderApi implements HttpService {

  private final AccessControl access;
  private final OrderQueryService queries;

  OrderApi(AccessControl access, OrderQueryService queries) {
    this.access = access;
    this.queries = queries;
  }

  @Override
  public void routing(HttpRules rules) {
    rules
        .get("/v1/{projectId}/orders", this::listOrders)
        .get("/v1/{projectId}/orders/{orderName}", this::showOrder);
  }

  private void listOrders(ServerRequest req, ServerResponse res) {
    String projectId = req.path().pathParameters().get("projectId");
    access.authorize(req, projectId, Role.VIEWER, "modelarts:order:list");
    HttpExchange.ok(res, queries.list(projectId, req.query()));
  }

  private void showOrder(ServerRequest req, ServerResponse res) {
    String projectId = req.path().pathParameters().get("projectId");
    access.authorize(req, projectId, Role.VIEWER, "modelarts:order:get");
    HttpExchange.ok(res, queries.show(projectId, req.path().pathParameters().get("orderName")));
  }
}
