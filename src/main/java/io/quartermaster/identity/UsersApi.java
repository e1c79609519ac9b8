package io.quartermaster.identity;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.quartermaster.error.BadRequestException;
import io.quartermaster.http.HttpExchange;
import java.util.Set;

/** {@code /v3/users}: managing users, for global admins (Keystone's shape). */
final class UsersApi implements HttpService {

  // What PATCH may change; anything else (a new name, say) is refused, not silently dropped.
  private static final Set<String> CHANGEABLE = Set.of("enabled", "password", "domain_id");

  private final IdentityAdmin admin;
  private final TokenAccessControl access;

  UsersApi(IdentityAdmin admin, TokenAccessControl access) {
    this.admin = admin;
    this.access = access;
  }

  @Override
  public void routing(HttpRules rules) {
    rules
        .post("/v3/users", this::create)
        .get("/v3/users", this::list)
        .get("/v3/users/{id}", this::show)
        .patch("/v3/users/{id}", this::change)
        .delete("/v3/users/{id}", this::delete);
  }

  private void create(ServerRequest req, ServerResponse res) {
    access.authorizeGlobalAdmin(req, "identity:create_user");
    JsonNode user = JsonFields.requiredObject(HttpExchange.readObject(req), "user", "user");
    JsonFields.requireDefaultDomain(user, "user.domain_id");
    NewUser request =
        new NewUser(
            JsonFields.requiredString(user, "name", "user.name"),
            JsonFields.requiredString(user, "password", "user.password"),
            JsonFields.bool(user, "enabled", "user.enabled").orElse(true));
    HttpExchange.send(res, 201, IdentityViews.user(admin.createUser(request)));
  }

  private void list(ServerRequest req, ServerResponse res) {
    access.authorizeGlobalAdmin(req, "identity:list_users");
    HttpExchange.ok(res, IdentityViews.users(admin.users(req.query().first("name").asOptional())));
  }

  private void show(ServerRequest req, ServerResponse res) {
    access.authorizeGlobalAdmin(req, "identity:get_user");
    HttpExchange.ok(res, IdentityViews.user(admin.user(id(req))));
  }

  private void change(ServerRequest req, ServerResponse res) {
    Caller caller = access.authorizeGlobalAdmin(req, "identity:update_user");
    JsonNode user = JsonFields.requiredObject(HttpExchange.readObject(req), "user", "user");
    user.fieldNames()
        .forEachRemaining(
            field -> {
              if (!CHANGEABLE.contains(field)) {
                throw BadRequestException.because("user." + field + " cannot be changed");
              }
            });
    JsonFields.requireDefaultDomain(user, "user.domain_id");
    UserChange change =
        new UserChange(
            JsonFields.bool(user, "enabled", "user.enabled"),
            JsonFields.string(user, "password", "user.password"));
    HttpExchange.ok(res, IdentityViews.user(admin.changeUser(caller, id(req), change)));
  }

  private void delete(ServerRequest req, ServerResponse res) {
    Caller caller = access.authorizeGlobalAdmin(req, "identity:delete_user");
    admin.deleteUser(caller, id(req));
    res.status(Status.NO_CONTENT_204).send();
  }

  private static String id(ServerRequest req) {
    return req.path().pathParameters().get("id");
  }
}
