package io.quartermaster.limit;

import java.util.Optional;

/**
 * Request rate limits, kept in memory by each instance: with two instances behind a balancer a
 * caller may make up to twice as many requests.
 *
 * @param perCaller the bucket of each authenticated caller (a user, or an access key); empty is off
 * @param perAddress the bucket of each client address, for requests without an accepted caller;
 *     empty is off
 * @param maxTracked the most buckets of each kind held at once; beyond it the least recently used
 *     are dropped (their callers start afresh), so that memory stays bounded whatever the traffic
 */
public record RateLimitConfig(Optional<Rate> perCaller, Optional<Rate> perAddress, int maxTracked) {

  public static final int DEFAULT_MAX_TRACKED = 100_000;
  public static final RateLimitConfig OFF =
      new RateLimitConfig(Optional.empty(), Optional.empty(), DEFAULT_MAX_TRACKED);

  public RateLimitConfig {
    if (maxTracked < 1) {
      throw new IllegalArgumentException("maxTracked must be at least 1");
    }
  }

  public boolean enabled() {
    return perCaller.isPresent() || perAddress.isPresent();
  }
}
