package io.quartermaster.notify;

import java.time.Duration;
import java.util.Objects;

/**
 * How notifications are delivered.
 *
 * @param allowedHosts the targets a subscription may name ({@code QM_WEBHOOK_ALLOWED_HOSTS}),
 *     checked when it is created and again before every delivery
 * @param maxAttempts attempts at one event before it is dead-lettered
 * @param backoff the pause after the first failed attempt; it doubles after each further one
 * @param maxBackoff the longest pause between two attempts
 * @param timeout how long one delivery may take to connect, and then to be answered
 * @param pollInterval how often an idle subscription looks for new events
 * @param workers deliveries sent at once by this instance
 */
public record NotifyConfig(
    AllowedHosts allowedHosts,
    int maxAttempts,
    Duration backoff,
    Duration maxBackoff,
    Duration timeout,
    Duration pollInterval,
    int workers) {

  public static final int DEFAULT_MAX_ATTEMPTS = 8;
  public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(1);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(5);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
  public static final int DEFAULT_WORKERS = 4;

  public NotifyConfig {
    Objects.requireNonNull(allowedHosts, "allowedHosts");
    if (maxAttempts < 1 || workers < 1) {
      throw new IllegalArgumentException("attempts and workers must be at least 1");
    }
    if (maxBackoff.compareTo(backoff) < 0) {
      throw new IllegalArgumentException("the longest backoff must not be shorter than the first");
    }
  }

  public static NotifyConfig defaults() {
    return new NotifyConfig(
        AllowedHosts.parse(""),
        DEFAULT_MAX_ATTEMPTS,
        DEFAULT_BACKOFF,
        DEFAULT_MAX_BACKOFF,
        DEFAULT_TIMEOUT,
        DEFAULT_POLL_INTERVAL,
        DEFAULT_WORKERS);
  }

  /** The same, with other attempts and pauses: tests shorten them. */
  public NotifyConfig withRetries(int newMaxAttempts, Duration newBackoff, Duration newMaxBackoff) {
    return new NotifyConfig(
        allowedHosts, newMaxAttempts, newBackoff, newMaxBackoff, timeout, pollInterval, workers);
  }

  public NotifyConfig withAllowedHosts(AllowedHosts newAllowedHosts) {
    return new NotifyConfig(
        newAllowedHosts, maxAttempts, backoff, maxBackoff, timeout, pollInterval, workers);
  }

  public NotifyConfig withTimeouts(Duration newTimeout, Duration newPollInterval) {
    return new NotifyConfig(
        allowedHosts, maxAttempts, backoff, maxBackoff, newTimeout, newPollInterval, workers);
  }
}
