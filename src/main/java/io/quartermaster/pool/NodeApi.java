package io.quartermaster.pool;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.quartermaster.error.BadRequestException;
import io.quartermaster.http.HttpExchange;
import io.quartermaster.idempotency.IdempotentRequests;
import io.quartermaster.identity.AccessControl;
import io.quartermaster.identity.Caller;
import io.quartermaster.identity.Role;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The nodes of a pool: list them, delete some of them. */
public final class NodeApi implements HttpService {

  private final AccessControl access;
  private final NodeService nodes;
  private final PoolChanges changes;
  private final IdempotentRequests idempotency;

  public NodeApi(
      AccessControl access,
      NodeService nodes,
      PoolChanges changes,
      IdempotentRequests idempotency) {
    this.access = access;
    this.nodes = nodes;
    this.changes = changes;
    this.idempotency = idempotency;
  }

  @Override
  public void routing(HttpRules rules) {
    rules
        .get("/v2/{projectId}/pools/{poolName}/nodes", this::list)
        .post("/v2/{projectId}/pools/{poolName}/nodes/batch-delete", this::batchDelete);
  }

  private void list(ServerRequest req, ServerResponse res) {
    String projectId = PoolApi.projectId(req);
    access.authorize(req, projectId, Role.VIEWER, "modelarts:node:list");
    NodePage page = NodePage.parse(req.query());
    HttpExchange.ok(res, nodes.list(projectId, PoolApi.poolName(req), page));
  }

  private void batchDelete(ServerRequest req, ServerResponse res) {
    Caller caller =
        access.authorize(req, PoolApi.projectId(req), Role.MEMBER, "modelarts:node:delete");
    idempotency.answer(
        req,
        res,
        caller.projectId(),
        () ->
            changes.deleteNodes(
                caller, PoolApi.poolName(req), nodeNames(HttpExchange.readObject(req))));
  }

  private static List<String> nodeNames(JsonNode body) {
    JsonNode names = body.get("deleteNodeNames");
    if (names == null || !names.isArray() || names.isEmpty()) {
      throw BadRequestException.because("deleteNodeNames must be a non-empty array of node names");
    }
    List<String> result = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (JsonNode name : names) {
      if (!name.isTextual() || !seen.add(name.asText())) {
        throw BadRequestException.because("deleteNodeNames must hold distinct node names");
      }
      result.add(name.asText());
    }
    return result;
  }
}
