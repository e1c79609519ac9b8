package io.quartermaster.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.error.TooManyRequestsException;
import io.quartermaster.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The token buckets alone, with a clock the test moves. */
class BucketsTest {

  private final MutableClock clock = new MutableClock();

  @Test
  void aBurstIsServedThenOneRequestPerRefillAndTheWaitIsRoundedUp() {
    Buckets buckets = new Buckets(new Rate(2, Duration.ofMinutes(1), 4), 10, clock, "this caller");
    for (int i = 0; i < 4; i++) {
      buckets.take("a");
    }
    TooManyRequestsException refused =
        assertThrows(TooManyRequestsException.class, () -> buckets.take("a"));
    // Two per minute: one every 30 seconds, and the clock has moved a little since.
    assertTrue(refused.retryAfter().toSeconds() >= 29 && refused.retryAfter().toSeconds() <= 30);
    assertTrue(refused.getMessage().contains("2/m (burst 4)"), refused::getMessage);
    buckets.take("b");
    clock.advance(Duration.ofSeconds(31));
    buckets.take("a");
    assertThrows(TooManyRequestsException.class, () -> buckets.take("a"));
  }

  @Test
  void noMoreThanMaxTrackedBucketsAreKept() {
    Buckets buckets = new Buckets(new Rate(1, Duration.ofHours(1), 1), 3, clock, "this caller");
    for (int i = 0; i < 100; i++) {
      buckets.take("caller-" + i);
    }
    assertTrue(buckets.tracked() <= 3, () -> "tracked: " + buckets.tracked());
  }

  @Test
  void ratesAreReadAsRequestsPerSecondMinuteOrHour() {
    assertEquals(new Rate(100, Duration.ofSeconds(1), 100), Rate.parse("100/s", 0));
    assertEquals(new Rate(600, Duration.ofMinutes(1), 50), Rate.parse(" 600/M ", 50));
    assertEquals(new Rate(5000, Duration.ofHours(1), 5000), Rate.parse("5000/h", 0));
    for (String bad : new String[] {"", "100", "0/s", "-1/s", "1/d", "1.5/s", "s/1"}) {
      assertThrows(IllegalArgumentException.class, () -> Rate.parse(bad, 0), bad);
    }
  }
}
