package io.quartermaster.event;

import io.quartermaster.error.TooManyRequestsException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The most event streams one caller may hold open on this instance at once. Each stream holds a
 * connection and a subscription until it ends, so without a cap one caller could hold them all. A
 * caller's count leaves the map when it drops to zero, so the map holds only callers with open
 * streams.
 */
final class StreamCap {

  /**
   * What a refused caller is told to wait: streams end when their clients go, so try again soon.
   */
  private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  private final int perCaller;
  private final ConcurrentMap<String, Integer> open = new ConcurrentHashMap<>();

  StreamCap(int perCaller) {
    this.perCaller = perCaller;
  }

  /**
   * Counts one more stream of {@code caller}; the caller must {@link #release} it when it ends.
   *
   * @throws TooManyRequestsException when the caller already holds {@code perCaller} streams
   */
  void acquire(String caller) {
    int[] before = new int[1];
    open.compute(
        caller,
        (k, count) -> {
          before[0] = count == null ? 0 : count;
          return before[0] < perCaller ? before[0] + 1 : count;
        });
    if (before[0] >= perCaller) {
      throw new TooManyRequestsException(
          "Too many open event streams: this caller already holds "
              + perCaller
              + ", the most allowed; close one first.",
          RETRY_AFTER);
    }
  }

  void release(String caller) {
    open.computeIfPresent(caller, (k, count) -> count > 1 ? count - 1 : null);
  }

  /** The streams {@code caller} holds open now. */
  int held(String caller) {
    return open.getOrDefault(caller, 0);
  }
}
