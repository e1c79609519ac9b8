package io.quartermaster.order;

import java.time.Duration;
import java.util.StringJoiner;

/**
 * Durations as people write them in messages: {@code P7D} is "7 days", {@code PT90M} "1 hour 30
 * minutes".
 */
final class ReadableDuration {

  private ReadableDuration() {}

  static String of(Duration duration) {
    StringJoiner parts = new StringJoiner(" ");
    add(parts, duration.toDays(), "day");
    add(parts, duration.toHoursPart(), "hour");
    add(parts, duration.toMinutesPart(), "minute");
    add(parts, duration.toSecondsPart(), "second");
    add(parts, duration.toMillisPart(), "millisecond");
    return parts.length() == 0 ? "less than a millisecond" : parts.toString();
  }

  private static void add(StringJoiner parts, long amount, String unit) {
    if (amount != 0) {
      parts.add(amount + " " + unit + (amount == 1 ? "" : "s"));
    }
  }
}
