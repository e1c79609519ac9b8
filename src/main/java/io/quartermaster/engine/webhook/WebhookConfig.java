package io.quartermaster.engine.webhook;

import java.net.URI;
import java.time.Duration;

/**
 * Where and how the webhook provider calls the operator's endpoint.
 *
 * @param url the endpoint every order item is posted to (http or https)
 * @param secret the key of the request signatures; never logged, never shown by {@link #toString}
 * @param timeout how long one request may take, from sending to the end of the answer
 * @param attempts requests per order item before the provider gives the item back to the engine
 * @param backoff the delay before the second attempt; it doubles for each further attempt
 * @param maxBackoff the longest delay between attempts, also for a {@code Retry-After} answer
 */
public record WebhookConfig(
    URI url, String secret, Duration timeout, int attempts, Duration backoff, Duration maxBackoff) {

  /** The shortest secret accepted: shorter ones are guessable. */
  public static final int MIN_SECRET_LENGTH = 16;

  public WebhookConfig {
    if (url == null
        || url.getScheme() == null
        || !(url.getScheme().equalsIgnoreCase("http")
            || url.getScheme().equalsIgnoreCase("https"))) {
      throw new IllegalArgumentException("the webhook URL must be http or https");
    }
    if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
      throw new IllegalArgumentException("the webhook secret is too short");
    }
    if (timeout.isNegative() || timeout.isZero() || attempts < 1) {
      throw new IllegalArgumentException("the webhook timeout and attempts must be positive");
    }
    if (backoff.isNegative() || maxBackoff.compareTo(backoff) < 0) {
      throw new IllegalArgumentException("the webhook backoff must be between 0 and its maximum");
    }
  }

  /** Everything but the secret, so that logging a configuration never leaks it. */
  @Override
  public String toString() {
    return "WebhookConfig[url="
        + url
        + ", secret=<redacted>, timeout="
        + timeout
        + ", attempts="
        + attempts
        + ", backoff="
        + backoff
        + ", maxBackoff="
        + maxBackoff
        + "]";
  }
}
