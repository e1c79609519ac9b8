package io.quartermaster.identity;

import io.quartermaster.error.UnauthorizedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Issues project-scoped tokens to users who prove their password ({@code POST /v3/auth/tokens}).
 */
final class TokenIssuer {

  private final Jdbi jdbi;
  private final PasswordHasher passwords;
  private final Duration ttl;
  private final LoginThrottle throttle;
  private final Clock clock;

  TokenIssuer(
      Jdbi jdbi, PasswordHasher passwords, Duration ttl, LoginThrottle throttle, Clock clock) {
    this.jdbi = jdbi;
    this.passwords = passwords;
    this.ttl = ttl;
    this.throttle = throttle;
    this.clock = clock;
  }

  /**
   * Checks the password, then the scope. An unknown user, a wrong password, a disabled user and a
   * foreign domain fail alike and take alike long, so that none of them can be told apart. While
   * the name is locked out after too many failures, the password is not even checked.
   */
  IssuedToken issue(PasswordLogin login) {
    throttle.check(login.userName());
    UserRow user;
    try {
      user = authenticate(login);
    } catch (UnauthorizedException e) {
      throttle.failed(login.userName());
      throw e;
    }
    throttle.succeeded(login.userName());
    return jdbi.inTransaction(
        h -> {
          Optional<ProjectRow> scope =
              login.projectId().isPresent()
                  ? new ProjectDao(h).findById(login.projectId().get())
                  : new ProjectDao(h).findByName(login.projectName().get());
          ProjectRow project =
              scope.filter(ProjectRow::enabled).orElseThrow(IdentityErrors::noAccess);
          Role role =
              user.globalAdmin()
                  ? Role.ADMIN
                  : new RoleDao(h)
                      .find(user.id(), project.id())
                      .orElseThrow(IdentityErrors::noAccess);
          // The database keeps microseconds; the answer shows what is stored.
          Instant issued = clock.instant().truncatedTo(ChronoUnit.MICROS);
          Instant expires = issued.plus(ttl);
          String token = Tokens.newToken();
          TokenDao tokens = new TokenDao(h);
          tokens.deleteExpired(user.id(), issued);
          tokens.insert(Tokens.hash(token), user.id(), project.id(), issued, expires);
          return new IssuedToken(token, issued, expires, user, project, role);
        });
  }

  private UserRow authenticate(PasswordLogin login) {
    Optional<UserRow> found =
        login.userDomain().isEmpty()
                || login.userDomain().get().equalsIgnoreCase(PasswordLogin.DOMAIN)
            ? jdbi.withHandle(h -> new UserDao(h).findByName(login.userName()))
            : Optional.empty();
    if (found.isEmpty()) {
      passwords.verifyNothing(login.password());
      throw IdentityErrors.badCredentials();
    }
    UserRow user = found.get();
    if (!passwords.verify(login.password(), user.passwordHash()) || !user.enabled()) {
      throw IdentityErrors.badCredentials();
    }
    return user;
  }
}
