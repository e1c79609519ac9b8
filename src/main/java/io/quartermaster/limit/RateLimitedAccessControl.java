package io.quartermaster.limit;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.quartermaster.error.ForbiddenException;
import io.quartermaster.error.UnauthorizedException;
import io.quartermaster.identity.AccessControl;
import io.quartermaster.identity.Caller;
import io.quartermaster.identity.CallerKey;
import io.quartermaster.identity.Role;

/**
 * The access control, with each request charged to its caller once accepted. A refused request has
 * no caller to charge, so it counts against its client address instead: guessing tokens or
 * hammering a forbidden route is limited like any anonymous traffic.
 */
final class RateLimitedAccessControl implements AccessControl {

  static final HeaderName AUTH_TOKEN = HeaderNames.create("X-Auth-Token");

  private final AccessControl access;
  private final RateLimits limits;

  RateLimitedAccessControl(AccessControl access, RateLimits limits) {
    this.access = access;
    this.limits = limits;
  }

  @Override
  public Caller authorize(
      ServerRequest request, String projectId, Role required, String operation) {
    Caller caller;
    try {
      caller = access.authorize(request, projectId, required, operation);
    } catch (UnauthorizedException | ForbiddenException refused) {
      limits.chargeAddress(request);
      throw refused;
    }
    limits.chargeCaller(CallerKey.of(request, caller));
    return caller;
  }
}
