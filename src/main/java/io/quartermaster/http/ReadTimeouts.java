package io.quartermaster.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a client may take to send a request, so that slow clients (a slowloris sending its
 * headers byte by byte, a body trickled in) are cut off instead of holding connections forever.
 *
 * @param header from the end of the request line until the last header line has arrived
 * @param body from the end of the headers until the whole body has arrived
 * @param idle how long a connection may sit without a request, or before its request line is
 *     complete
 */
public record ReadTimeouts(Duration header, Duration body, Duration idle) {

  public static final Duration DEFAULT_HEADER = Duration.ofSeconds(20);
  public static final Duration DEFAULT_BODY = Duration.ofSeconds(60);
  public static final Duration DEFAULT_IDLE = Duration.ofSeconds(60);
  public static final ReadTimeouts DEFAULT =
      new ReadTimeouts(DEFAULT_HEADER, DEFAULT_BODY, DEFAULT_IDLE);

  public ReadTimeouts {
    positive(header, "header");
    positive(body, "body");
    positive(idle, "idle");
  }

  /**
   * How often the deadlines are checked: often enough that a client is cut off soon after its time,
   * rarely enough to cost nothing.
   */
  Duration checkEvery() {
    Duration shortest = header.compareTo(body) < 0 ? header : body;
    shortest = shortest.compareTo(idle) < 0 ? shortest : idle;
    Duration quarter = shortest.dividedBy(4);
    Duration floor = Duration.ofMillis(50);
    Duration ceiling = Duration.ofSeconds(5);
    return quarter.compareTo(floor) < 0
        ? floor
        : quarter.compareTo(ceiling) > 0 ? ceiling : quarter;
  }

  private static void positive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " timeout must be positive: " + value);
    }
  }
}
