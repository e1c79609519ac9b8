package io.quartermaster.pool;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.quartermaster.http.HttpExchange;
import io.quartermaster.identity.AccessControl;
import io.quartermaster.identity.Role;

/** {@code GET /v2/{project_id}/statistics/pools}: pools per state in a workspace (CONTRACT §3). */
public final class PoolStatisticsApi implements HttpService {

  private final AccessControl access;
  private final PoolStatistics statistics;

  public PoolStatisticsApi(AccessControl access, PoolStatistics statistics) {
    this.access = access;
    this.statistics = statistics;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get("/v2/{projectId}/statistics/pools", this::count);
  }

  private void count(ServerRequest req, ServerResponse res) {
    String projectId = PoolApi.projectId(req);
    access.authorize(req, projectId, Role.VIEWER, "modelarts:pool:statistics");
    String workspaceId = PoolListQuery.workspace(req.query());
    HttpExchange.ok(res, statistics.count(projectId, workspaceId));
  }
}
