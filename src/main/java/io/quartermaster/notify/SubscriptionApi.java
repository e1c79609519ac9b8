package io.quartermaster.notify;

import io.helidon.http.Status;
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
 * {@code /v1/{project_id}/subscriptions} (extension): a project's notification targets. Members
 * create and delete them; viewers read them, never with their secret.
 */
final class SubscriptionApi implements HttpService {

  private final AccessControl access;
  private final Subscriptions subscriptions;

  SubscriptionApi(AccessControl access, Subscriptions subscriptions) {
    this.access = access;
    this.subscriptions = subscriptions;
  }

  @Override
  public void routing(HttpRules rules) {
    rules
        .post("/v1/{projectId}/subscriptions", this::create)
        .get("/v1/{projectId}/subscriptions", this::list)
        .get("/v1/{projectId}/subscriptions/{subscriptionId}", this::show)
        .delete("/v1/{projectId}/subscriptions/{subscriptionId}", this::delete)
        .get("/v1/{projectId}/subscriptions/{subscriptionId}/deliveries", this::deliveries);
  }

  private void create(ServerRequest req, ServerResponse res) {
    Caller caller = authorize(req, Role.MEMBER, "modelarts:subscription:create");
    NewSubscription request = NewSubscription.parse(HttpExchange.readObject(req));
    Subscriptions.Created created = subscriptions.create(caller, projectId(req), request);
    HttpExchange.send(res, 201, SubscriptionViews.created(created.row(), created.secret()));
  }

  private void list(ServerRequest req, ServerResponse res) {
    authorize(req, Role.VIEWER, "modelarts:subscription:list");
    HttpExchange.ok(
        res,
        new SubscriptionViews.ViewList(
            subscriptions.list(projectId(req)).stream().map(SubscriptionViews::of).toList()));
  }

  private void show(ServerRequest req, ServerResponse res) {
    authorize(req, Role.VIEWER, "modelarts:subscription:get");
    HttpExchange.ok(res, SubscriptionViews.of(subscriptions.show(projectId(req), id(req))));
  }

  private void delete(ServerRequest req, ServerResponse res) {
    authorize(req, Role.MEMBER, "modelarts:subscription:delete");
    subscriptions.delete(projectId(req), id(req));
    res.status(Status.NO_CONTENT_204).send();
  }

  /** The dead letters; {@code state=dead} is the one state kept, and the default. */
  private void deliveries(ServerRequest req, ServerResponse res) {
    authorize(req, Role.VIEWER, "modelarts:subscription:get");
    String state = req.query().first("state").orElse("dead");
    if (!state.equals("dead")) {
      throw BadRequestException.because("state must be dead");
    }
    String projectId = projectId(req);
    HttpExchange.ok(
        res,
        new SubscriptionViews.DeliveryList(
            subscriptions.deadLetters(projectId, id(req)).stream()
                .map(letter -> SubscriptionViews.dead(projectId, letter))
                .toList()));
  }

  private Caller authorize(ServerRequest req, Role role, String operation) {
    return access.authorize(req, projectId(req), role, operation);
  }

  private static String projectId(ServerRequest req) {
    return req.path().pathParameters().get("projectId");
  }

  private static String id(ServerRequest req) {
    return req.path().pathParameters().get("subscriptionId");
  }
}
