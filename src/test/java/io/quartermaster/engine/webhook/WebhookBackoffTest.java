package io.quartermaster.engine.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class WebhookBackoffTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);
  private static final Duration BASE = Duration.ofMillis(500);
  private static final Duration MAX = Duration.ofSeconds(30);

  @Test
  void withoutJitterTheDelayDoublesFromTheBaseUpToTheMaximum() {
    WebhookBackoff backoff = new WebhookBackoff(BASE, MAX, fixed(0.0), CLOCK);

    assertEquals(Duration.ofMillis(500), backoff.delay(1));
    assertEquals(Duration.ofSeconds(1), backoff.delay(2));
    assertEquals(Duration.ofSeconds(2), backoff.delay(3));
    assertEquals(Duration.ofSeconds(16), backoff.delay(6));
    assertEquals(Duration.ofSeconds(30), backoff.delay(7));
    assertEquals(Duration.ofSeconds(30), backoff.delay(1_000));
  }

  @Test
  void jitterTakesOffUpToHalfTheDelay() {
    assertEquals(
        Duration.ofMillis(1500), new WebhookBackoff(BASE, MAX, fixed(0.5), CLOCK).delay(3));
    assertEquals(Duration.ofSeconds(15), new WebhookBackoff(BASE, MAX, fixed(1.0), CLOCK).delay(9));
  }

  @Test
  void retryAfterInSecondsIsHonouredUpToTheMaximum() {
    WebhookBackoff backoff = new WebhookBackoff(BASE, MAX, fixed(0.0), CLOCK);

    assertEquals(Duration.ofSeconds(7), backoff.delay(1, Optional.of("7")));
    assertEquals(Duration.ZERO, backoff.delay(4, Optional.of("0")));
    assertEquals(MAX, backoff.delay(1, Optional.of("3600")));
  }

  @Test
  void retryAfterAsAnHttpDateCountsFromTheClock() {
    WebhookBackoff backoff = new WebhookBackoff(BASE, MAX, fixed(0.0), CLOCK);

    assertEquals(
        Duration.ofSeconds(12), backoff.delay(1, Optional.of("Wed, 1 May 2024 12:00:12 GMT")));
    assertEquals(Duration.ZERO, backoff.delay(1, Optional.of("Wed, 1 May 2024 11:59:00 GMT")));
    assertEquals(MAX, backoff.delay(1, Optional.of("Thu, 2 May 2024 12:00:00 GMT")));
  }

  @Test
  void anUnreadableRetryAfterFallsBackToTheComputedDelay() {
    WebhookBackoff backoff = new WebhookBackoff(BASE, MAX, fixed(0.0), CLOCK);

    assertEquals(Duration.ofSeconds(1), backoff.delay(2, Optional.of("soon")));
    assertEquals(Duration.ofSeconds(1), backoff.delay(2, Optional.of("-5")));
    assertEquals(Duration.ofSeconds(1), backoff.delay(2, Optional.empty()));
  }

  /** A random source whose every double is {@code value}. */
  private static RandomGenerator fixed(double value) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        throw new UnsupportedOperationException("the backoff draws doubles only");
      }

      @Override
      public double nextDouble() {
        return value;
      }
    };
  }
}
