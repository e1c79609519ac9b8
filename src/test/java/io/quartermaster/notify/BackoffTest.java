package io.quartermaster.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private static final NotifyConfig CONFIG =
      NotifyConfig.defaults().withRetries(10, Duration.ofSeconds(1), Duration.ofSeconds(30));

  @Test
  void thePauseDoublesAfterEachFailureUpToTheLongest() {
    assertEquals(Duration.ofSeconds(1), Backoff.after(CONFIG, 1, Optional.empty()));
    assertEquals(Duration.ofSeconds(2), Backoff.after(CONFIG, 2, Optional.empty()));
    assertEquals(Duration.ofSeconds(16), Backoff.after(CONFIG, 5, Optional.empty()));
    assertEquals(Duration.ofSeconds(30), Backoff.after(CONFIG, 6, Optional.empty()));
    assertEquals(Duration.ofSeconds(30), Backoff.after(CONFIG, 1_000, Optional.empty()));
  }

  @Test
  void retryAfterWinsOverTheBackoffUpToAnHour() {
    assertEquals(
        Duration.ofSeconds(7), Backoff.after(CONFIG, 1, Optional.of(Duration.ofSeconds(7))));
    assertEquals(Duration.ZERO, Backoff.after(CONFIG, 3, Optional.of(Duration.ZERO)));
    assertEquals(Duration.ofHours(1), Backoff.after(CONFIG, 1, Optional.of(Duration.ofDays(2))));
  }

  @Test
  void retryAfterIsReadAsSecondsOrAnHttpDate() {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    assertEquals(Optional.of(Duration.ofSeconds(120)), RetryAfter.parse("120", now));
    assertEquals(Optional.of(Duration.ofSeconds(120)), RetryAfter.parse(" 120 ", now));
    assertEquals(
        Optional.of(Duration.ofSeconds(90)),
        RetryAfter.parse("Thu, 01 Jan 2026 00:01:30 GMT", now));
    assertEquals(
        Optional.of(Duration.ZERO), RetryAfter.parse("Wed, 31 Dec 2025 23:00:00 GMT", now));
    assertEquals(
        Optional.of(Backoff.MAX_RETRY_AFTER), RetryAfter.parse("99999999999999999999999", now));
    assertEquals(Optional.empty(), RetryAfter.parse("soon", now));
    assertEquals(Optional.empty(), RetryAfter.parse("-5", now));
    assertEquals(Optional.empty(), RetryAfter.parse(null, now));
  }
}
