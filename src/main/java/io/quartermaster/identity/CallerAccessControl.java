package io.quartermaster.identity;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/**
 * The gate of the {@code /v1} and {@code /v2} APIs: a request signed with an access key is checked
 * by its signature, any other by its {@code X-Auth-Token}. Either way the caller gets the same role
 * checks.
 */
final class CallerAccessControl implements AccessControl {

  private final TokenAccessControl tokens;
  private final SignatureAccessControl signatures;

  CallerAccessControl(TokenAccessControl tokens, SignatureAccessControl signatures) {
    this.tokens = tokens;
    this.signatures = signatures;
  }

  @Override
  public Caller authorize(
      ServerRequest request, String projectId, Role required, String operation) {
    return isSigned(request)
        ? signatures.authorize(request, projectId, required, operation)
        : tokens.authorize(request, projectId, required, operation);
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
