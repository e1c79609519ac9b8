package io.quartermaster.identity;

import java.time.Duration;
import java.util.Optional;

/**
 * How identities are bootstrapped and secured.
 *
 * @param adminPassword the password of the bootstrap user {@code admin} ({@code
 *     QM_ADMIN_PASSWORD}); when empty a random one is generated and printed once. Only used when
 *     the database is bootstrapped, never to reset an existing admin.
 * @param tokenTtl how long an issued token is valid ({@code QM_TOKEN_TTL}, an ISO-8601 duration
 *     such as {@code PT24H}; default 24 hours)
 * @param passwordIterations PBKDF2 iterations for new password hashes ({@code
 *     QM_PASSWORD_ITERATIONS}, default 600000); stored hashes keep the count they were made with
 */
public record IdentityConfig(
    Optional<String> adminPassword, Duration tokenTtl, int passwordIterations) {

  public static final Duration DEFAULT_TOKEN_TTL = Duration.ofHours(24);
  public static final int DEFAULT_PASSWORD_ITERATIONS = 600_000;

  public IdentityConfig {
    if (tokenTtl.isNegative() || tokenTtl.isZero()) {
      throw new IllegalArgumentException("tokenTtl must be positive");
    }
    if (passwordIterations < 1) {
      throw new IllegalArgumentException("passwordIterations must be at least 1");
    }
  }

  /** Keeps the admin password out of logs and error messages. */
  @Override
  public String toString() {
    return "IdentityConfig[adminPassword="
        + (adminPassword.isPresent() ? "(set)" : "(generated)")
        + ", tokenTtl="
        + tokenTtl
        + ", passwordIterations="
        + passwordIterations
        + "]";
  }
}
