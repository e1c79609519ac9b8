package io.quartermaster.identity;

import io.helidon.webserver.http.ServerRequest;

/**
 * The one gate of the {@code /v1} and {@code /v2} APIs. Checks run in the contract's order:
 * authentication (401), then the project scope (403 {@code ModelArts.0210}), then the role (403
 * {@code ModelArts.0108}).
 */
public interface AccessControl {

  /**
   * Authenticates {@code request} and checks that its caller may perform {@code operation} in
   * {@code projectId} with at least {@code required}.
   *
   * @param operation the name shown in the 403 message, e.g. {@code modelarts:pool:create}
   * @return the caller, scoped to {@code projectId}
   * @throws io.quartermaster.error.UnauthorizedException when the request is not authenticated
   * @throws io.quartermaster.error.ForbiddenException when the caller may not do this here
   */
  Caller authorize(ServerRequest request, String projectId, Role required, String operation);
}
