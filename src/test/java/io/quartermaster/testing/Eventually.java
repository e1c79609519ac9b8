package io.quartermaster.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls until a condition holds, within a bound; for state that the engine changes later. */
public final class Eventually {

  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private Eventually() {}

  public static <T> T until(Supplier<T> probe, Predicate<T> done) {
    return until(probe, done, DEFAULT_TIMEOUT);
  }

  public static <T> T until(Supplier<T> probe, Predicate<T> done, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    T last = probe.get();
    while (!done.test(last)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("condition not reached within " + timeout + "; last: " + last);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
      last = probe.get();
    }
    return last;
  }
}
