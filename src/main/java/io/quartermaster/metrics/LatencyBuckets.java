package io.quartermaster.metrics;

import java.time.Duration;

/**
 * The histogram buckets of every latency the service reports, from 5 ms to 10 s: few and fixed, so
 * that each timer adds a dozen series, not the hundred of a percentile histogram.
 */
public final class LatencyBuckets {

  private static final Duration[] BOUNDS = {
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
  };

  private LatencyBuckets() {}

  /** The buckets' upper bounds, for {@code Timer.Builder.serviceLevelObjectives}. */
  public static Duration[] bounds() {
    return BOUNDS.clone();
  }
}
