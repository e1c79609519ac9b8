package io.quartermaster.engine.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * How long the provider waits before trying an item again: exponential from the base delay, capped,
 * with jitter so that the items of many orders failing together do not retry in step. An endpoint
 * that says when to come back ({@code Retry-After}) is believed, up to the cap.
 */
final class WebhookBackoff {

  private final Duration base;
  private final Duration max;
  private final RandomGenerator random;
  private final Clock clock;

  WebhookBackoff(Duration base, Duration max, RandomGenerator random, Clock clock) {
    this.base = base;
    this.max = max;
    this.random = random;
    this.clock = clock;
  }

  /**
   * The delay before retry number {@code retry} (1 before the second attempt): {@code base *
   * 2^(retry-1)} capped at the maximum, of which a random part of up to half is taken off.
   */
  Duration delay(int retry) {
    Duration ceiling = base;
    for (int i = 1; i < retry && ceiling.compareTo(max) < 0; i++) {
      ceiling = ceiling.multipliedBy(2);
    }
    if (ceiling.compareTo(max) > 0) {
      ceiling = max;
    }
    long nanos = ceiling.toNanos();
    long jitter = (long) (random.nextDouble() * (nanos / 2));
    return Duration.ofNanos(nanos - jitter);
  }

  /** The delay before {@code retry}, or what {@code Retry-After} asks for when it is readable. */
  Duration delay(int retry, Optional<String> retryAfter) {
    return retryAfter
        .flatMap(this::parseRetryAfter)
        .map(this::capped)
        .orElseGet(() -> delay(retry));
  }

  /** {@code Retry-After} is either whole seconds or an HTTP date (RFC 9110 §10.2.3). */
  private Optional<Duration> parseRetryAfter(String value) {
    String trimmed = value.strip();
    if (trimmed.matches("\\d{1,10}")) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(trimmed)));
    }
    try {
      Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(clock.instant(), at);
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private Duration capped(Duration wait) {
    return wait.compareTo(max) > 0 ? max : wait;
  }
}
