package io.quartermaster.idempotency;

import java.time.Duration;
import java.util.Objects;

/**
 * How idempotency keys are kept.
 *
 * @param ttl how long a key stands for its first request and answer; after that it is free again
 *     and purged
 */
public record IdempotencyConfig(Duration ttl) {

  public static final Duration DEFAULT_TTL = Duration.ofHours(24);

  public IdempotencyConfig {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive: " + ttl);
    }
  }

  public static IdempotencyConfig defaults() {
    return new IdempotencyConfig(DEFAULT_TTL);
  }
}
