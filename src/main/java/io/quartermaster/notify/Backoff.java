package io.quartermaster.notify;

import java.time.Duration;
import java.util.Optional;

/**
 * The pause before the next attempt at an event: {@code backoff × 2^(failures-1)}, capped at the
 * longest backoff, unless the receiver said how long to wait ({@code Retry-After}), which is then
 * honoured up to {@link #MAX_RETRY_AFTER}.
 */
final class Backoff {

  /** A receiver cannot park a subscription for longer than this with one answer. */
  static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

  private Backoff() {}

  static Duration after(NotifyConfig config, int failures, Optional<Duration> retryAfter) {
    if (retryAfter.isPresent()) {
      Duration asked = retryAfter.get();
      return asked.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : asked;
    }
    int doublings = Math.min(Math.max(failures - 1, 0), 30);
    Duration delay = config.backoff().multipliedBy(1L << doublings);
    return delay.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : delay;
  }
}
