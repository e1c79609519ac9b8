package io.quartermaster.identity;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.quartermaster.http.HttpExchange;

/** {@code /v3/projects}: creating and reading projects, for global admins (Keystone's shape). */
final class ProjectsApi implements HttpService {

  private final IdentityAdmin admin;
  private final TokenAccessControl access;

  ProjectsApi(IdentityAdmin admin, TokenAccessControl access) {
    this.admin = admin;
    this.access = access;
  }

  @Override
  public void routing(HttpRules rules) {
    rules
        .post("/v3/projects", this::create)
        .get("/v3/projects", this::list)
        .get("/v3/projects/{id}", this::show);
  }

  private void create(ServerRequest req, ServerResponse res) {
    access.authorizeGlobalAdmin(req, "identity:create_project");
    JsonNode project =
        JsonFields.requiredObject(HttpExchange.readObject(req), "project", "project");
    JsonFields.requireDefaultDomain(project, "project.domain_id");
    NewProject request =
        new NewProject(
            JsonFields.requiredString(project, "name", "project.name"),
            JsonFields.string(project, "description", "project.description").orElse(""));
    HttpExchange.send(res, 201, IdentityViews.project(admin.createProject(request)));
  }

  private void list(ServerRequest req, ServerResponse res) {
    access.authorizeGlobalAdmin(req, "identity:list_projects");
    HttpExchange.ok(
        res, IdentityViews.projects(admin.projects(req.query().first("name").asOptional())));
  }

  private void show(ServerRequest req, ServerResponse res) {
    access.authorizeGlobalAdmin(req, "identity:get_project");
    String id = req.path().pathParameters().get("id");
    HttpExchange.ok(res, IdentityViews.project(admin.project(id)));
  }
}
