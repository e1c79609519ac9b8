package io.quartermaster.identity;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.quartermaster.error.BadRequestException;
import io.quartermaster.http.HttpExchange;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /v3.0/OS-CREDENTIAL/credentials}: access keys, in IAM's shape. Called with a token only: a
 * leaked access key must not be able to mint more keys.
 */
final class CredentialsApi implements HttpService {

  private static final String CREDENTIALS = "/v3.0/OS-CREDENTIAL/credentials";
  private static final Set<String> CREATABLE = Set.of("user_id", "description");
  private static final Set<String> CHANGEABLE = Set.of("status", "description");

  private final AccessKeys keys;
  private final TokenAccessControl access;

  CredentialsApi(AccessKeys keys, TokenAccessControl access) {
    this.keys = keys;
    this.access = access;
  }

  @Override
  public void routing(HttpRules rules) {
    rules
        .post(CREDENTIALS, this::create)
        .get(CREDENTIALS, this::list)
        .get(CREDENTIALS + "/{accessKey}", this::show)
        .put(CREDENTIALS + "/{accessKey}", this::update)
        .delete(CREDENTIALS + "/{accessKey}", this::delete);
  }

  private void create(ServerRequest req, ServerResponse res) {
    TokenDao.TokenHolder actor = access.authenticateUser(req);
    JsonNode credential = credential(req, CREATABLE);
    AccessKeys.NewAccessKey created =
        keys.create(
            actor,
            JsonFields.string(credential, "user_id", "credential.user_id"),
            description(credential).orElse(""));
    HttpExchange.send(res, 201, CredentialViews.created(created));
  }

  private void list(ServerRequest req, ServerResponse res) {
    TokenDao.TokenHolder actor = access.authenticateUser(req);
    Optional<String> userId = req.query().first("user_id").asOptional();
    HttpExchange.ok(res, CredentialViews.list(keys.list(actor, userId)));
  }

  private void show(ServerRequest req, ServerResponse res) {
    TokenDao.TokenHolder actor = access.authenticateUser(req);
    HttpExchange.ok(res, CredentialViews.one(keys.show(actor, accessKey(req))));
  }

  private void update(ServerRequest req, ServerResponse res) {
    TokenDao.TokenHolder actor = access.authenticateUser(req);
    JsonNode credential = credential(req, CHANGEABLE);
    Optional<Boolean> active =
        JsonFields.string(credential, "status", "credential.status").map(CredentialsApi::active);
    HttpExchange.ok(
        res,
        CredentialViews.one(keys.update(actor, accessKey(req), active, description(credential))));
  }

  private void delete(ServerRequest req, ServerResponse res) {
    TokenDao.TokenHolder actor = access.authenticateUser(req);
    keys.delete(actor, accessKey(req));
    res.status(Status.NO_CONTENT_204).send();
  }

  /** The {@code credential} object of the body, refusing fields that cannot be set. */
  private static JsonNode credential(ServerRequest req, Set<String> allowed) {
    JsonNode credential =
        JsonFields.requiredObject(HttpExchange.readObject(req), "credential", "credential");
    credential
        .fieldNames()
        .forEachRemaining(
            field -> {
              if (!allowed.contains(field)) {
                throw BadRequestException.because("credential." + field + " cannot be set");
              }
            });
    return credential;
  }

  private static Optional<String> description(JsonNode credential) {
    return JsonFields.string(credential, "description", "credential.description")
        .map(d -> Names.description("credential.description", d));
  }

  private static boolean active(String status) {
    return switch (status) {
      case "active" -> true;
      case "inactive" -> false;
      default -> throw BadRequestException.because("credential.status must be active or inactive");
    };
  }

  private static String accessKey(ServerRequest req) {
    return req.path().pathParameters().get("accessKey");
  }
}
