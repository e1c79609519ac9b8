package io.quartermaster.identity;

import io.quartermaster.error.TooManyRequestsException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Refuses password logins for a user name after too many failures (CONTRACT §1, issue "abuse"). The
 * count lives in the database, so that every instance sharing it counts the same failures, and it
 * is kept per name whether or not such a user exists, so that a 429 reveals no names.
 */
final class LoginThrottle {

  private final Jdbi jdbi;
  private final LoginThrottleConfig config;
  private final Clock clock;

  LoginThrottle(Jdbi jdbi, LoginThrottleConfig config, Clock clock) {
    this.jdbi = jdbi;
    this.config = config;
    this.clock = clock;
  }

  /** The failures of one name: those of the current window, and any lockout they caused. */
  record Attempts(Instant windowStartedAt, int failures, Optional<Instant> lockedUntil) {}

  /** Throws 429, with the time left, while logins for {@code userName} are locked out. */
  void check(String userName) {
    if (!Names.isName(userName)) {
      return;
    }
    Instant now = clock.instant();
    Optional<Instant> lockedUntil =
        jdbi.withHandle(h -> new LoginThrottleDao(h).find(userName))
            .flatMap(Attempts::lockedUntil)
            .filter(now::isBefore);
    if (lockedUntil.isPresent()) {
      Duration left = Duration.between(now, lockedUntil.get());
      // Rounded up, so that a client that waits as told is not refused again.
      long seconds = left.toSeconds() + (left.toNanosPart() > 0 ? 1 : 0);
      throw new TooManyRequestsException(
          "Too many failed logins; try again in " + seconds + " seconds.",
          Duration.ofSeconds(seconds));
    }
  }

  /** Counts a failed login for {@code userName}; the failure that reaches the limit locks it. */
  void failed(String userName) {
    if (!Names.isName(userName)) {
      return;
    }
    Instant now = clock.instant();
    jdbi.useTransaction(
        h -> {
          LoginThrottleDao dao = new LoginThrottleDao(h);
          Optional<Attempts> current = dao.lock(userName, now);
          dao.save(userName, afterFailure(current, now, config));
          dao.purgeStale(now.minus(config.window()), now);
        });
  }

  /** A successful login starts the count afresh. */
  void succeeded(String userName) {
    jdbi.useHandle(h -> new LoginThrottleDao(h).delete(userName));
  }

  /** The attempts after one more failure at {@code now}. */
  static Attempts afterFailure(
      Optional<Attempts> current, Instant now, LoginThrottleConfig config) {
    boolean sameWindow =
        current.isPresent() && now.isBefore(current.get().windowStartedAt().plus(config.window()));
    int failures = sameWindow ? current.get().failures() + 1 : 1;
    if (failures >= config.maxFailures()) {
      // Locked, with a fresh count for when the lockout ends.
      return new Attempts(now, 0, Optional.of(now.plus(config.lockout())));
    }
    Instant windowStart = sameWindow ? current.get().windowStartedAt() : now;
    return new Attempts(windowStart, failures, Optional.empty());
  }
}
