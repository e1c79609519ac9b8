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
 */
public record EventConfig(Duration heartbeat, Duration pollInterval, Duration maxDuration) {

  public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);
  public static final Duration DEFAULT_MAX_DURATION = Duration.ofMinutes(15);

  public EventConfig {
    positive(heartbeat, "heartbeat");
    positive(pollInterval, "pollInterval");
    positive(maxDuration, "maxDuration");
  }

  public static EventConfig defaults() {
    return new EventConfig(DEFAULT_HEARTBEAT, DEFAULT_POLL_INTERVAL, DEFAULT_MAX_DURATION);
  }

  private static void positive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }
}
