package io.quartermaster.event;

import java.time.Duration;
import java.util.Objects;

/**
 * How the event streams are configured.
 *
 * @param heartbeat how long a stream may stay silent before it sends a comment line, so that
 *     proxies and load balancers keep an idle connection open
 * @param pollInterval how often every watched project's log is read again even without a
 *     notification: the safety net for a notification lost while the listening connection was down
 * @param maxDuration how long one stream stays open; the client then resumes with {@code
 *     Last-Event-ID}, and is authorised again
 * @param maxStreamsPerCaller how many streams one caller (a user, or an access key) may hold open
 *     on one instance at once; one more is refused with 429
 */
public record EventConfig(
    Duration heartbeat, Duration pollInterval, Duration maxDuration, int maxStreamsPerCaller) {

  public static final int DEFAULT_MAX_STREAMS_PER_CALLER = 64;

  public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);
  public static final Duration DEFAULT_MAX_DURATION = Duration.ofMinutes(15);

  public EventConfig {
    positive(heartbeat, "heartbeat");
    positive(pollInterval, "pollInterval");
    positive(maxDuration, "maxDuration");
    if (maxStreamsPerCaller < 1) {
      throw new IllegalArgumentException("maxStreamsPerCaller must be at least 1");
    }
  }

  /** The given times, with the default cap on streams per caller. */
  public EventConfig(Duration heartbeat, Duration pollInterval, Duration maxDuration) {
    this(heartbeat, pollInterval, maxDuration, DEFAULT_MAX_STREAMS_PER_CALLER);
  }

  public static EventConfig defaults() {
    return new EventConfig(DEFAULT_HEARTBEAT, DEFAULT_POLL_INTERVAL, DEFAULT_MAX_DURATION);
  }

  public EventConfig withMaxStreamsPerCaller(int max) {
    return new EventConfig(heartbeat, pollInterval, maxDuration, max);
  }

  private static void positive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }
}
