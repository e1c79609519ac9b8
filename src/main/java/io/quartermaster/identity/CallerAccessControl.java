package io.quartermaster.identity;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.quartermaster.error.NotFoundException;
import org.jdbi.v3.core.Jdbi;

/**
 * The gate of the {@code /v1} and {@code /v2} APIs: a request signed with an access key is checked
 * by its signature, any other by its {@code X-Auth-Token}. Either way the caller gets the same role
 * checks.
 */
final class CallerAccessControl implements AccessControl {

  private final Jdbi jdbi;
  private final TokenAccessControl tokens;
  private final SignatureAccessControl signatures;

  CallerAccessControl(Jdbi jdbi, TokenAccessControl tokens, SignatureAccessControl signatures) {
    this.jdbi = jdbi;
    this.tokens = tokens;
    this.signatures = signatures;
  }

  @Override
  public Caller authorize(
      ServerRequest request, String projectId, Role required, String operation) {
    Caller caller =
        isSigned(request)
            ? signatures.authorize(request, projectId, required, operation)
            : tokens.authorize(request, projectId, required, operation);
    // Everyone else is held to the project of their token or key, which exists; the admin may
    // name any project, and must not place pools or leave keys in one that does not.
    if (caller.role() == Role.ADMIN
        && jdbi.withHandle(h -> new ProjectDao(h).findById(projectId)).isEmpty()) {
      throw new NotFoundException(
          NotFoundException.POOL_OR_ORDER, "Project " + printable(projectId) + " not found.");
    }
    return caller;
  }

  private static String printable(String projectId) {
    String cut = projectId.length() > 64 ? projectId.substring(0, 64) + "..." : projectId;
    return cut.replaceAll("[^\\x21-\\x7e]", "?");
  }

  /**
   * A request is taken as signed when it carries an SDK signature, or when it carries some other
   * {@code Authorization} and no token: then the signature check says what it cannot accept.
   */
  private static boolean isSigned(ServerRequest request) {
    var authorization = request.headers().first(HeaderNames.AUTHORIZATION);
    if (authorization.isEmpty() || authorization.get().isBlank()) {
      return false;
    }
    return authorization.get().strip().startsWith(SdkSignature.ALGORITHM + " ")
        || !request.headers().contains(TokenAccessControl.AUTH_TOKEN);
  }
}
