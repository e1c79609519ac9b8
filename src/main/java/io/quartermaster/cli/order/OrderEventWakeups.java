package io.quartermaster.cli.order;

import io.quartermaster.cli.CliException;
import io.quartermaster.cli.ServiceClient;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Tells a follower when to look at an order again: as soon as the order's event stream ({@code GET
 * /v1/{project_id}/orders/{order_name}/events}) delivers an event, or after the poll interval when
 * the stream is not open. The events only wake the follower; what it shows always comes from
 * ShowOrder and ListOrders, so an event missed or seen twice can never show a wrong state. After a
 * dropped connection the stream is opened again with the {@code Last-Event-ID} of the last event
 * read, so that the changes made meanwhile still wake it; a service that refuses the stream (an
 * older one without it, or one that says the id is too old) is polled.
 */
final class OrderEventWakeups implements AutoCloseable {

  private static final Duration RECONNECT_PAUSE = Duration.ofMillis(500);

  private final ServiceClient client;
  private final String path;
  private final Duration pollInterval;
  private final Semaphore changes = new Semaphore(0);
  private final Thread reader;
  private volatile boolean open;
  private volatile boolean closed;
  private volatile String lastEventId;
  private volatile Stream<String> lines;

  /** Starts reading {@code orderName}'s stream at once, on a thread of its own. */
  OrderEventWakeups(ServiceClient client, String orderName, Duration pollInterval) {
    this.client = client;
    this.path = client.v1("orders", orderName, "events");
    this.pollInterval = pollInterval;
    this.reader = Thread.ofVirtual().name("qm-order-events").start(this::read);
  }

  /** Whether the stream is open now, so that a change wakes the follower as it happens. */
  boolean live() {
    return open;
  }

  /**
   * Waits until the stream says the order changed, or {@code longest} passes (at most the poll
   * interval while the stream is not open).
   */
  void await(Duration longest) throws InterruptedException {
    Duration wait = open ? longest : min(longest, pollInterval);
    if (changes.tryAcquire(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS)) {
      changes.drainPermits();
    }
  }

  @Override
  public void close() {
    closed = true;
    Stream<String> current = lines;
    if (current != null) {
      current.close();
    }
    reader.interrupt();
  }

  private void read() {
    while (!closed) {
      try {
        HttpResponse<Stream<String>> response =
            client.openStream(
                path, lastEventId == null ? Map.of() : Map.of("Last-Event-ID", lastEventId));
        try (Stream<String> body = response.body()) {
          if (response.statusCode() >= 400 && response.statusCode() < 500) {
            return; // no stream for this caller or this order: the follower polls
          }
          if (response.statusCode() == 200) {
            lines = body;
            open = true;
            changes.release(); // (re)connected: whatever happened before is worth a look
            body.forEach(this::line);
          }
        }
      } catch (CliException | UncheckedIOException e) {
        // Unreachable or cut off: the follower polls meanwhile, and its own requests say why.
      } finally {
        open = false;
      }
      if (!pause()) {
        return;
      }
    }
  }

  /** One line of {@code text/event-stream}: an event ends at its blank line. */
  private void line(String line) {
    if (line.startsWith("id:")) {
      lastEventId = line.substring(3).strip();
    } else if (line.isEmpty()) {
      changes.release();
    }
  }

  private boolean pause() {
    try {
      Thread.sleep(RECONNECT_PAUSE);
      return !closed;
    } catch (InterruptedException e) {
      return false;
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
