package io.quartermaster.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Times as operators type and read them. */
public final class Times {

  private static final Pattern SHORT_DURATION =
      Pattern.compile("(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");
  private static final Pattern EPOCH_MILLIS = Pattern.compile("\\d{10,}");
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private Times() {}

  /**
   * A point in time: a duration back from now ({@code 90m}, {@code 2h30m}, {@code 3d}, {@code 1w},
   * ISO {@code PT2H}), an ISO instant ({@code 2024-10-24T12:00:00Z}), a local date and time ({@code
   * 2024-10-24T12:00} or {@code 2024-10-24 12:00}), a local date (its midnight) or milliseconds
   * since the epoch.
   */
  public static Instant parse(String text, String option, Clock clock) {
    String value = text.strip();
    Duration ago = duration(value);
    if (ago != null) {
      return clock.instant().minus(ago);
    }
    if (EPOCH_MILLIS.matcher(value).matches()) {
      return Instant.ofEpochMilli(Long.parseLong(value));
    }
    ZoneId zone = clock.getZone();
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException notAnInstant) {
      // Tried in turn: the forms below.
    }
    try {
      return LocalDateTime.parse(value.replace(' ', 'T')).atZone(zone).toInstant();
    } catch (DateTimeParseException notLocal) {
      // Tried in turn.
    }
    try {
      return LocalDate.parse(value).atStartOfDay(zone).toInstant();
    } catch (DateTimeParseException notADate) {
      throw CliException.usage(
          option
              + " "
              + text
              + " is neither a duration (90m, 2h, 3d) nor a time (2024-10-24T12:00:00Z,"
              + " 2024-10-24 12:00, 2024-10-24)");
    }
  }

  /** {@code 2h30m}, {@code 3d}, {@code PT2H} as a duration; null when it is none of those. */
  static Duration duration(String value) {
    if (value.startsWith("P") || value.startsWith("p")) {
      try {
        return Duration.parse(value);
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    Matcher m = SHORT_DURATION.matcher(value);
    if (value.isEmpty() || !m.matches()) {
      return null;
    }
    long[] perUnit = {7 * 86_400, 86_400, 3_600, 60, 1};
    long seconds = 0;
    for (int i = 0; i < perUnit.length; i++) {
      if (m.group(i + 1) != null) {
        seconds += Long.parseLong(m.group(i + 1)) * perUnit[i];
      }
    }
    return Duration.ofSeconds(seconds);
  }

  /** A duration as people read it: {@code 45s}, {@code 2m05s}, {@code 3h07m}, {@code 2d04h}. */
  public static String human(Duration duration) {
    long s = Math.max(0, duration.toSeconds());
    if (s < 60) {
      return s + "s";
    }
    if (s < 3_600) {
      return String.format("%dm%02ds", s / 60, s % 60);
    }
    if (s < 86_400) {
      return String.format("%dh%02dm", s / 3_600, (s % 3_600) / 60);
    }
    return String.format("%dd%02dh", s / 86_400, (s % 86_400) / 3_600);
  }

  /** Epoch milliseconds as local time, {@code 2024-10-24 12:42:43}; empty for 0. */
  public static String local(long millis, Clock clock) {
    return millis <= 0 ? "" : LOCAL.format(Instant.ofEpochMilli(millis).atZone(clock.getZone()));
  }

  /** Epoch milliseconds as an ISO instant; empty for 0. */
  public static String iso(long millis) {
    return millis <= 0 ? "" : Instant.ofEpochMilli(millis).toString();
  }
}
