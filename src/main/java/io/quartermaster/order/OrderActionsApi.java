package io.quartermaster.order;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.quartermaster.error.BadRequestException;
import io.quartermaster.http.HttpExchange;
import io.quartermaster.identity.AccessControl;
import io.quartermaster.identity.Caller;
import io.quartermaster.identity.Role;

/**
 * The extensions of CONTRACT §5 that settle a pending order: {@code POST
 * /v1/{project_id}/orders/{order_name}/pay|cancel} (member) and {@code /approve|reject} (admin).
 * Each answers the order as ListOrders shows it.
 */
final class OrderActionsApi implements HttpService {

  static final int MAX_REASON_LENGTH = 256;

  private final AccessControl access;
  private final OrderActions actions;

  OrderActionsApi(AccessControl access, OrderActions actions) {
    this.access = access;
    this.actions = actions;
  }

  @Override
  public void routing(HttpRules rules) {
    rules
        .post("/v1/{projectId}/orders/{orderName}/pay", this::pay)
        .post("/v1/{projectId}/orders/{orderName}/cancel", this::cancel)
        .post("/v1/{projectId}/orders/{orderName}/approve", this::approve)
        .post("/v1/{projectId}/orders/{orderName}/reject", this::reject);
  }

  private void pay(ServerRequest req, ServerResponse res) {
    Caller caller = authorize(req, Role.MEMBER, "modelarts:order:pay");
    HttpExchange.ok(res, actions.pay(caller, orderName(req)));
  }

  private void cancel(ServerRequest req, ServerResponse res) {
    Caller caller = authorize(req, Role.MEMBER, "modelarts:order:cancel");
    HttpExchange.ok(res, actions.cancel(caller, orderName(req)));
  }

  private void approve(ServerRequest req, ServerResponse res) {
    Caller caller = authorize(req, Role.ADMIN, "modelarts:order:approve");
    HttpExchange.ok(res, actions.approve(caller, orderName(req)));
  }

  private void reject(ServerRequest req, ServerResponse res) {
    Caller caller = authorize(req, Role.ADMIN, "modelarts:order:reject");
    String reason = reason(HttpExchange.readObject(req));
    HttpExchange.ok(res, actions.reject(caller, orderName(req), reason));
  }

  /** The {@code reason} of a rejection: 1 to 256 characters that are not all blank. */
  static String reason(JsonNode body) {
    JsonNode reason = body.get("reason");
    if (reason == null || !reason.isTextual()) {
      throw BadRequestException.because("reason must be a string of 1 to 256 characters");
    }
    String text = reason.asText().strip();
    int length = text.codePointCount(0, text.length());
    if (length < 1 || length > MAX_REASON_LENGTH) {
      throw BadRequestException.because("reason must be a string of 1 to 256 characters");
    }
    return text;
  }

  private Caller authorize(ServerRequest req, Role role, String operation) {
    return access.authorize(req, req.path().pathParameters().get("projectId"), role, operation);
  }

  private static String orderName(ServerRequest req) {
    return req.path().pathParameters().get("orderName");
  }
}
