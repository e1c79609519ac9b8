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
 * @param secretKey the server key that access key secrets are encrypted under ({@code
 *     QM_SECRET_KEY}, 32 bytes in base64); see {@link ServerKey} for what happens without one
 * @param loginThrottle when repeated failed password logins are refused for a while
 * @param maxAccessKeysPerUser the most access keys one user may have ({@code
 *     QM_MAX_ACCESS_KEYS_PER_USER}); one more is refused with 400
 */
public record IdentityConfig(
    Optional<String> adminPassword,
    Duration tokenTtl,
    int passwordIterations,
    Optional<String> secretKey,
    LoginThrottleConfig loginThrottle,
    int maxAccessKeysPerUser) {

  public static final Duration DEFAULT_TOKEN_TTL = Duration.ofHours(24);
  public static final int DEFAULT_PASSWORD_ITERATIONS = 600_000;
  public static final int DEFAULT_MAX_ACCESS_KEYS_PER_USER = 20;

  public IdentityConfig {
    if (tokenTtl.isNegative() || tokenTtl.isZero()) {
      throw new IllegalArgumentException("tokenTtl must be positive");
    }
    if (passwordIterations < 1) {
      throw new IllegalArgumentException("passwordIterations must be at least 1");
    }
    secretKey.ifPresent(ServerKey::decode);
    if (maxAccessKeysPerUser < 1) {
      throw new IllegalArgumentException("maxAccessKeysPerUser must be at least 1");
    }
  }

  /** The given settings, with the default cap on access keys per user. */
  public IdentityConfig(
      Optional<String> adminPassword,
      Duration tokenTtl,
      int passwordIterations,
      Optional<String> secretKey,
      LoginThrottleConfig loginThrottle) {
    this(
        adminPassword,
        tokenTtl,
        passwordIterations,
        secretKey,
        loginThrottle,
        DEFAULT_MAX_ACCESS_KEYS_PER_USER);
  }

  public IdentityConfig withMaxAccessKeysPerUser(int max) {
    return new IdentityConfig(
        adminPassword, tokenTtl, passwordIterations, secretKey, loginThrottle, max);
  }

  /** The settings without a configured server key and with the default login throttle. */
  public IdentityConfig(Optional<String> adminPassword, Duration tokenTtl, int passwordIterations) {
    this(
        adminPassword, tokenTtl, passwordIterations, Optional.empty(), LoginThrottleConfig.DEFAULT);
  }

  /** Keeps the admin password and the server key out of logs and error messages. */
  @Override
  public String toString() {
    return "IdentityConfig[adminPassword="
        + (adminPassword.isPresent() ? "(set)" : "(generated)")
        + ", tokenTtl="
        + tokenTtl
        + ", passwordIterations="
        + passwordIterations
        + ", secretKey="
        + (secretKey.isPresent() ? "(set)" : "(unset)")
        + ", loginThrottle="
        + loginThrottle
        + ", maxAccessKeysPerUser="
        + maxAccessKeysPerUser
        + "]";
  }
}
