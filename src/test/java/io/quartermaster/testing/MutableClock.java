package io.quartermaster.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that tests set and advance; {@code null} offset means it follows the system clock. */
public final class MutableClock extends Clock {

  private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the service's clock is always UTC");
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(offset.get());
  }

  /** Moves the clock by {@code amount} (negative moves it back). */
  public void advance(Duration amount) {
    offset.updateAndGet(current -> current.plus(amount));
  }

  /** Back to the system's time. */
  public void reset() {
    offset.set(Duration.ZERO);
  }
}
