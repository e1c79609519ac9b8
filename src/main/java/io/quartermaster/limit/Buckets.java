package io.quartermaster.limit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.quartermaster.error.TooManyRequestsException;
import java.time.Clock;
import java.time.Duration;

/**
 * One token bucket per key, of one {@link Rate}. Buckets live in a bounded cache: one untouched for
 * as long as it takes to fill up expires (a new one would be the same), and past {@code maxTracked}
 * keys the least recently used go first.
 */
final class Buckets {

  private final Rate rate;
  private final String what;
  private final TimeMeter time;
  private final Cache<String, Bucket> buckets;

  /**
   * @param what whose limit this is, for the 429's message ({@code "this caller"})
   */
  Buckets(Rate rate, int maxTracked, Clock clock, String what) {
    this.rate = rate;
    this.what = what;
    // The service's clock, so that tests can move time on instead of waiting for it.
    this.time = new ClockTime(clock);
    this.buckets =
        Caffeine.newBuilder()
            .maximumSize(maxTracked)
            .expireAfterAccess(rate.timeToFill())
            .ticker(time::currentTimeNanos)
            .build();
  }

  /**
   * Takes one request from {@code key}'s bucket.
   *
   * @throws TooManyRequestsException when it is empty, with the time until it holds one again
   */
  void take(String key) {
    ConsumptionProbe probe = buckets.get(key, k -> newBucket()).tryConsumeAndReturnRemaining(1);
    if (!probe.isConsumed()) {
      long nanos = probe.getNanosToWaitForRefill();
      // Rounded up, so that a client that waits as told is not refused again.
      long seconds = Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
      throw new TooManyRequestsException(
          "Too many requests from "
              + what
              + ": the limit is "
              + rate
              + "; try again in "
              + seconds
              + " seconds.",
          Duration.ofSeconds(seconds));
    }
  }

  /** How many keys have a bucket now, after dropping the expired ones. */
  long tracked() {
    buckets.cleanUp();
    return buckets.estimatedSize();
  }

  private Bucket newBucket() {
    return Bucket.builder()
        .addLimit(
            limit -> limit.capacity(rate.burst()).refillGreedy(rate.requests(), rate.period()))
        .withCustomTimePrecision(time)
        .build();
  }

  private record ClockTime(Clock clock) implements TimeMeter {
    @Override
    public long currentTimeNanos() {
      return clock.millis() * 1_000_000L;
    }

    @Override
    public boolean isWallClockBased() {
      return true;
    }
  }
}
