package io.quartermaster.identity;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.quartermaster.error.BadRequestException;
import io.quartermaster.http.HttpExchange;
import java.util.Optional;

/**
 * {@code POST /v3/auth/tokens}: Keystone/IAM password authentication (CONTRACT §1); and {@code
 * DELETE /v3/auth/tokens}, Keystone's revocation of the token in {@code X-Subject-Token} (an
 * extension: signing out ends a token at once instead of when it expires).
 */
final class AuthTokensApi implements HttpService {

  static final HeaderName SUBJECT_TOKEN = HeaderNames.create("X-Subject-Token");

  private final TokenIssuer issuer;
  private final TokenRevocation revocation;

  AuthTokensApi(TokenIssuer issuer, TokenRevocation revocation) {
    this.issuer = issuer;
    this.revocation = revocation;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.post("/v3/auth/tokens", this::issue).delete("/v3/auth/tokens", this::revoke);
  }

  private void revoke(ServerRequest req, ServerResponse res) {
    revocation.revoke(req, req.headers().first(SUBJECT_TOKEN));
    res.status(204).send();
  }

  private void issue(ServerRequest req, ServerResponse res) {
    IssuedToken issued = issuer.issue(parse(HttpExchange.readObject(req)));
    res.header(SUBJECT_TOKEN, issued.token());
    HttpExchange.send(res, 201, IdentityViews.token(issued));
  }

  /**
   * Reads {@code {"auth":{"identity":{"methods":["password"],"password":{"user":{...}}},
   * "scope":{"project":{"name"|"id"}}}}}. A project id wins over a name when both are sent, as in
   * Keystone.
   */
  static PasswordLogin parse(JsonNode body) {
    JsonNode auth = JsonFields.requiredObject(body, "auth", "auth");
    JsonNode identity = JsonFields.requiredObject(auth, "identity", "auth.identity");
    JsonNode methods = identity.get("methods");
    if (methods == null || !methods.isArray() || !contains(methods, "password")) {
      throw BadRequestException.because("auth.identity.methods must include \"password\"");
    }
    JsonNode password = JsonFields.requiredObject(identity, "password", "auth.identity.password");
    String userPath = "auth.identity.password.user";
    JsonNode user = JsonFields.requiredObject(password, "user", userPath);
    Optional<String> domain =
        JsonFields.object(user, "domain", userPath + ".domain")
            .flatMap(
                d ->
                    JsonFields.string(d, "name", userPath + ".domain.name")
                        .or(() -> JsonFields.string(d, "id", userPath + ".domain.id")));
    String userName = JsonFields.requiredString(user, "name", userPath + ".name");
    String secret = JsonFields.requiredString(user, "password", userPath + ".password");
    JsonNode scope = JsonFields.requiredObject(auth, "scope", "auth.scope");
    JsonNode project = JsonFields.requiredObject(scope, "project", "auth.scope.project");
    Optional<String> projectId = JsonFields.string(project, "id", "auth.scope.project.id");
    Optional<String> projectName =
        projectId.isPresent()
            ? Optional.empty()
            : JsonFields.string(project, "name", "auth.scope.project.name");
    if (projectId.isEmpty() && projectName.isEmpty()) {
      throw BadRequestException.because(
          "auth.scope.project.name or auth.scope.project.id is required");
    }
    return new PasswordLogin(userName, secret, domain, projectId, projectName);
  }

  private static boolean contains(JsonNode array, String value) {
    for (JsonNode element : array) {
      if (value.equals(element.textValue())) {
        return true;
      }
    }
    return false;
  }
}
