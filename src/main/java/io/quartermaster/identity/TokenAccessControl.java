package io.quartermaster.identity;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.quartermaster.error.ForbiddenException;
import io.quartermaster.error.UnauthorizedException;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/**
 * Access by {@code X-Auth-Token}. Every request reads the token, its user and the user's role from
 * the database, so that disabling or deleting a user, or changing a role, takes effect at once.
 */
final class TokenAccessControl implements AccessControl {

  static final HeaderName AUTH_TOKEN = HeaderNames.create("X-Auth-Token");

  private final Jdbi jdbi;
  private final Clock clock;

  TokenAccessControl(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  @Override
  public Caller authorize(
      ServerRequest request, String projectId, Role required, String operation) {
    TokenDao.TokenHolder holder = authenticate(request, projectId);
    if (!holder.globalAdmin() && !holder.tokenProjectId().equals(projectId)) {
      throw ForbiddenException.projectMismatch();
    }
    Role role = holder.globalAdmin() ? Role.ADMIN : holder.roleInProject().orElse(null);
    if (role == null || !role.includes(required)) {
      throw ForbiddenException.notAuthorized(operation);
    }
    return new Caller(holder.userId(), holder.userName(), projectId, role);
  }

  /** For identity management: any valid token of a global admin, whatever its project. */
  Caller authorizeGlobalAdmin(ServerRequest request, String operation) {
    TokenDao.TokenHolder holder = authenticate(request, null);
    if (!holder.globalAdmin()) {
      throw ForbiddenException.notAuthorized(operation);
    }
    return new Caller(holder.userId(), holder.userName(), holder.tokenProjectId(), Role.ADMIN);
  }

  /**
   * For a user's own affairs (their access keys): any valid token, with the user's role in the
   * token's own project.
   */
  TokenDao.TokenHolder authenticateUser(ServerRequest request) {
    return authenticate(request, null);
  }

  /** The token's holder, with their role in {@code projectId} or, when null, the token's. */
  private TokenDao.TokenHolder authenticate(ServerRequest request, String projectId) {
    String token =
        request
            .headers()
            .first(AUTH_TOKEN)
            .map(String::strip)
            .filter(t -> !t.isEmpty())
            .orElseThrow(() -> new UnauthorizedException("X-Auth-Token is missing"));
    if (!Tokens.isWellFormed(token)) {
      throw invalid();
    }
    TokenDao.TokenHolder holder =
        jdbi.withHandle(h -> new TokenDao(h).find(Tokens.hash(token), projectId))
            .filter(TokenDao.TokenHolder::userEnabled)
            .orElseThrow(TokenAccessControl::invalid);
    if (!clock.instant().isBefore(holder.expiresAt())) {
      throw new UnauthorizedException("token has expired");
    }
    return holder;
  }

  private static UnauthorizedException invalid() {
    return new UnauthorizedException("token is invalid");
  }
}
