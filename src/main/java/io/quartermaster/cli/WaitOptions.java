package io.quartermaster.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --wait} and {@code --timeout}, on every command that places or releases an order. */
public final class WaitOptions {

  @Option(
      names = "--wait",
      description = "Follow the order until it ends; exit 0 when it successed, 1 when it failed.")
  boolean wait;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "30m",
      description =
          "How long --wait waits before giving up with exit 7 (default ${DEFAULT-VALUE}).")
  String timeout;

  public boolean requested() {
    return wait;
  }

  public Duration timeout() {
    return parse(timeout);
  }

  /** A {@code --timeout} value: {@code 90s}, {@code 10m}, {@code 2h} or ISO {@code PT10M}. */
  public static Duration parse(String text) {
    Duration duration = Times.duration(text.strip());
    if (duration == null || duration.isZero()) {
      throw CliException.usage("--timeout " + text + " is not a duration such as 90s, 10m or 2h");
    }
    return duration;
  }
}
