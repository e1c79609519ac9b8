package io.quartermaster.order;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.quartermaster.http.HttpExchange;
import io.quartermaster.identity.AccessControl;
import io.quartermaster.identity.Role;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * {@code GET /v1/{project_id}/orders}, {@code GET /v1/{project_id}/orders/{order_name}} and the
 * export, {@code GET /v1/{project_id}/orders/export} (an extension).
 */
final class OrderApi implements HttpService {

  private final AccessControl access;
  private final OrderQueryService queries;

  OrderApi(AccessControl access, OrderQueryService queries) {
    this.access = access;
    this.queries = queries;
  }

  @Override
  public void routing(HttpRules rules) {
    // The export before ShowOrder, which would take "export" for an order name. No order can be
    // named so: order names start with "order.".
    rules
        .get("/v1/{projectId}/orders", this::listOrders)
        .get("/v1/{projectId}/orders/export", this::exportOrders)
        .get("/v1/{projectId}/orders/{orderName}", this::showOrder);
  }

  private void listOrders(ServerRequest req, ServerResponse res) {
    String projectId = req.path().pathParameters().get("projectId");
    access.authorize(req, projectId, Role.VIEWER, "modelarts:order:list");
    HttpExchange.ok(res, queries.list(projectId, req.query()));
  }

  private void exportOrders(ServerRequest req, ServerResponse res) throws IOException {
    String projectId = req.path().pathParameters().get("projectId");
    access.authorize(req, projectId, Role.VIEWER, "modelarts:order:export");
    OrderExport export = queries.export();
    ExportFormat format = ExportFormat.of(req.query());
    OrderListQuery query = export.parse(req.query());
    export.check(projectId, query);
    res.header(HeaderNames.CONTENT_TYPE, format.contentType());
    res.header(
        HeaderNames.CONTENT_DISPOSITION,
        "attachment; filename=\"orders-" + projectId + "." + format.extension() + "\"");
    try (OutputStream out = new BufferedOutputStream(res.outputStream(), 64 * 1024)) {
      export.write(projectId, query, format, out);
    }
  }

  private void showOrder(ServerRequest req, ServerResponse res) {
    String projectId = req.path().pathParameters().get("projectId");
    access.authorize(req, projectId, Role.VIEWER, "modelarts:order:get");
    HttpExchange.ok(res, queries.show(projectId, req.path().pathParameters().get("orderName")));
  }
}
