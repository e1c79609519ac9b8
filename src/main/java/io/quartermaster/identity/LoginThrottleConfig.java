package io.quartermaster.identity;

import java.time.Duration;

/**
 * When password logins for a user name are refused: after {@code maxFailures} failed logins within
 * {@code window}, every login for that name is answered 429 for {@code lockout}.
 *
 * @param maxFailures {@code QM_LOGIN_MAX_FAILURES}, default 5
 * @param window {@code QM_LOGIN_FAILURE_WINDOW}, default one minute
 * @param lockout {@code QM_LOGIN_LOCKOUT}, default five minutes
 */
public record LoginThrottleConfig(int maxFailures, Duration window, Duration lockout) {

  public static final LoginThrottleConfig DEFAULT =
      new LoginThrottleConfig(5, Duration.ofMinutes(1), Duration.ofMinutes(5));

  public LoginThrottleConfig {
    if (maxFailures < 1) {
      throw new IllegalArgumentException("maxFailures must be at least 1");
    }
    if (window.isNegative() || window.isZero() || lockout.isNegative() || lockout.isZero()) {
      throw new IllegalArgumentException("window and lockout must be positive");
    }
  }
}
