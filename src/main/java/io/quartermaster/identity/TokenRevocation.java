package io.quartermaster.identity;

import io.helidon.webserver.http.ServerRequest;
import io.quartermaster.error.BadRequestException;
import io.quartermaster.error.ForbiddenException;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Revokes a token before it expires (Keystone's {@code DELETE /v3/auth/tokens}): its holder may
 * revoke it, and so may a global admin. The token's row goes, so the next request that presents it
 * is refused, on every instance.
 */
final class TokenRevocation {

  private final Jdbi jdbi;
  private final TokenAccessControl tokens;
  private final Clock clock;

  TokenRevocation(Jdbi jdbi, TokenAccessControl tokens, Clock clock) {
    this.jdbi = jdbi;
    this.tokens = tokens;
    this.clock = clock;
  }

  /**
   * @param caller the request, authenticated by its own {@code X-Auth-Token}
   * @param subject the token to revoke, from {@code X-Subject-Token}
   * @throws io.quartermaster.error.NotFoundException when {@code subject} is no valid token
   */
  void revoke(ServerRequest caller, Optional<String> subject) {
    TokenDao.TokenHolder revoker = tokens.authenticateUser(caller);
    String token =
        subject
            .map(String::strip)
            .filter(t -> !t.isEmpty())
            .orElseThrow(() -> BadRequestException.because("X-Subject-Token is missing"));
    String hash = Tokens.isWellFormed(token) ? Tokens.hash(token) : null;
    jdbi.useTransaction(
        h -> {
          TokenDao dao = new TokenDao(h);
          TokenDao.TokenHolder holder =
              Optional.ofNullable(hash)
                  .flatMap(found -> dao.find(found, null))
                  .filter(found -> clock.instant().isBefore(found.expiresAt()))
                  .orElseThrow(() -> IdentityErrors.notFound("token", "X-Subject-Token"));
          if (!holder.userId().equals(revoker.userId()) && !revoker.globalAdmin()) {
            throw ForbiddenException.notAuthorized("identity:revoke_token");
          }
          dao.delete(hash);
        });
  }
}
