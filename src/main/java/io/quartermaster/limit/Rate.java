package io.quartermaster.limit;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A token bucket's shape: {@code requests} per {@code period}, refilled continuously, with room for
 * {@code burst} requests at once.
 */
public record Rate(long requests, Duration period, long burst) {

  private static final Pattern SPEC = Pattern.compile("([0-9]{1,9})/(s|m|h)");

  public Rate {
    if (requests < 1 || burst < 1) {
      throw new IllegalArgumentException("a rate needs at least one request and a burst of one");
    }
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("a rate's period must be positive");
    }
  }

  /**
   * Parses {@code N/s}, {@code N/m} or {@code N/h}; the burst is {@code N} unless given.
   *
   * @throws IllegalArgumentException when {@code spec} is not of that form
   */
  public static Rate parse(String spec, long burst) {
    Matcher m = SPEC.matcher(spec.strip().toLowerCase(Locale.ROOT));
    if (!m.matches() || Long.parseLong(m.group(1)) < 1) {
      throw new IllegalArgumentException("not a rate: " + spec);
    }
    Duration period =
        switch (m.group(2)) {
          case "s" -> Duration.ofSeconds(1);
          case "m" -> Duration.ofMinutes(1);
          default -> Duration.ofHours(1);
        };
    long requests = Long.parseLong(m.group(1));
    return new Rate(requests, period, burst > 0 ? burst : requests);
  }

  /**
   * How long an untouched bucket takes to fill up again. After that it is no different from a new
   * one, so it can be forgotten without giving its caller anything.
   */
  Duration timeToFill() {
    return period.multipliedBy(burst).dividedBy(requests).plusSeconds(1);
  }

  @Override
  public String toString() {
    String unit =
        period.equals(Duration.ofSeconds(1))
            ? "s"
            : period.equals(Duration.ofMinutes(1)) ? "m" : "h";
    return requests + "/" + unit + " (burst " + burst + ")";
  }
}
