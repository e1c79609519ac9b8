package io.quartermaster.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many event streams are open on this instance, per kind of stream ({@code project} for {@code
 * /v1/{project_id}/events}, {@code order} for one order's): {@code qm_event_stream_subscribers}.
 * Call {@link #opened} when a stream starts and {@link #closed} once when it ends, however it ends.
 */
public final class EventStreamMetrics {

  /** The kinds of stream; a fixed set keeps the label's values bounded. */
  public enum Stream {
    PROJECT,
    ORDER
  }

  private final AtomicInteger[] open = new AtomicInteger[Stream.values().length];

  EventStreamMetrics(MeterRegistry registry) {
    for (Stream stream : Stream.values()) {
      AtomicInteger count = new AtomicInteger();
      open[stream.ordinal()] = count;
      Gauge.builder("qm.event.stream.subscribers", count, AtomicInteger::get)
          .description("Event streams open on this instance")
          .strongReference(true)
          .tag("stream", stream.name().toLowerCase(java.util.Locale.ROOT))
          .register(registry);
    }
  }

  public void opened(Stream stream) {
    open[stream.ordinal()].incrementAndGet();
  }

  public void closed(Stream stream) {
    open[stream.ordinal()].decrementAndGet();
  }

  /** Streams of this kind open now. */
  public int open(Stream stream) {
    return open[stream.ordinal()].get();
  }
}
