package io.quartermaster.pool;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.quartermaster.http.HttpExchange;
import io.quartermaster.idempotency.IdempotentRequests;
import io.quartermaster.identity.AccessControl;
import io.quartermaster.identity.Caller;
import io.quartermaster.identity.Role;
import java.util.List;

/** The pool API of CONTRACT §3: {@code /v2/{project_id}/pools}. */
public final class PoolApi implements HttpService {

  private final AccessControl access;
  private final PoolService pools;
  private final PoolChanges changes;
  private final IdempotentRequests idempotency;

  public PoolApi(
      AccessControl access,
      PoolService pools,
      PoolChanges changes,
      IdempotentRequests idempotency) {
    this.access = access;
    this.pools = pools;
    this.changes = changes;
    this.idempotency = idempotency;
  }

  @Override
  public void routing(HttpRules rules) {
    rules
        .post("/v2/{projectId}/pools", this::create)
        .get("/v2/{projectId}/pools", this::list)
        .get("/v2/{projectId}/pools/{poolName}", this::show)
        .patch("/v2/{projectId}/pools/{poolName}", this::patch)
        .delete("/v2/{projectId}/pools/{poolName}", this::delete);
  }

  private void create(ServerRequest req, ServerResponse res) {
    Caller caller = access.authorize(req, projectId(req), Role.MEMBER, "modelarts:pool:create");
    idempotency.answer(
        req, res, caller.projectId(), () -> pools.create(caller, HttpExchange.readObject(req)));
  }

  private void list(ServerRequest req, ServerResponse res) {
    String projectId = projectId(req);
    access.authorize(req, projectId, Role.VIEWER, "modelarts:pool:list");
    List<PoolView> items = pools.list(projectId, PoolListQuery.parse(req.query()));
    HttpExchange.ok(res, new PoolList("v2", "PoolList", items));
  }

  private void show(ServerRequest req, ServerResponse res) {
    String projectId = projectId(req);
    access.authorize(req, projectId, Role.VIEWER, "modelarts:pool:get");
    HttpExchange.ok(res, pools.show(projectId, poolName(req)));
  }

  private void patch(ServerRequest req, ServerResponse res) {
    Caller caller = access.authorize(req, projectId(req), Role.MEMBER, "modelarts:pool:update");
    idempotency.answer(
        req,
        res,
        caller.projectId(),
        () -> changes.patch(caller, poolName(req), HttpExchange.readObject(req)));
  }

  private void delete(ServerRequest req, ServerResponse res) {
    Caller caller = access.authorize(req, projectId(req), Role.MEMBER, "modelarts:pool:delete");
    idempotency.answer(req, res, caller.projectId(), () -> changes.delete(caller, poolName(req)));
  }

  static String poolName(ServerRequest req) {
    return req.path().pathParameters().get("poolName");
  }

  static String projectId(ServerRequest req) {
    return req.path().pathParameters().get("projectId");
  }

  record PoolList(String apiVersion, String kind, List<PoolView> items) {}
}
