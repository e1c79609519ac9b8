package io.quartermaster.order;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReadableDurationTest {

  @Test
  void writesEachNonZeroUnitFromDaysDown() {
    assertEquals("7 days", ReadableDuration.of(Duration.parse("P7D")));
    assertEquals("1 day", ReadableDuration.of(Duration.ofDays(1)));
    assertEquals("1 day 12 hours", ReadableDuration.of(Duration.ofHours(36)));
    assertEquals("1 hour 30 minutes", ReadableDuration.of(Duration.ofMinutes(90)));
    assertEquals("2 minutes 1 second", ReadableDuration.of(Duration.ofSeconds(121)));
    assertEquals("500 milliseconds", ReadableDuration.of(Duration.ofMillis(500)));
    assertEquals("less than a millisecond", ReadableDuration.of(Duration.ofNanos(10)));
  }
}
