package io.quartermaster.cli.event;

import io.quartermaster.cli.CliException;
import io.quartermaster.cli.ExitCodes;
import io.quartermaster.cli.ServiceClient;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Follows one event stream of the service: hands each event to the printer once, in order, and
 * after a cut connection opens the stream again with the {@code Last-Event-ID} of the last event
 * handed over, so that the service replays what happened meanwhile with no gap and no repeat. A
 * refusal (no such order, a role too low, an id older than retention) ends the tail with the
 * service's error; an order's stream ends after its last event.
 */
final class EventTail {

  /** How long to wait before reconnecting, doubled after each failed attempt up to the longest. */
  private static final Duration FIRST_PAUSE = Duration.ofMillis(500);

  private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

  private final ServiceClient client;
  private final String path;
  private final PrintWriter err;
  private final boolean oneOrder;
  private final Optional<Integer> limit;
  private String lastEventId;
  private int handedOver;

  EventTail(
      ServiceClient client,
      String path,
      boolean oneOrder,
      Optional<String> after,
      Optional<Integer> limit,
      PrintWriter err) {
    this.client = client;
    this.path = path;
    this.oneOrder = oneOrder;
    this.err = err;
    this.limit = limit;
    this.lastEventId = after.orElse(null);
  }

  /**
   * Reads until the stream ends with an order's last event, or the limit's last (answered), or
   * forever for a project's stream without a limit. Only the first connection's failure to reach
   * the service throws; later cuts are retried.
   */
  StreamedEvent follow(Consumer<StreamedEvent> printer) throws InterruptedException {
    Duration pause = FIRST_PAUSE;
    boolean connectedOnce = false;
    while (true) {
      Optional<StreamedEvent> last;
      try {
        HttpResponse<Stream<String>> response = client.openStream(path, resumeHeader());
        try (Stream<String> body = response.body()) {
          if (response.statusCode() != 200) {
            throw refusal(response, body);
          }
          if (connectedOnce) {
            err.println("qm: reconnected to the event stream");
            err.flush();
          }
          connectedOnce = true;
          pause = FIRST_PAUSE;
          last = read(body.iterator(), printer);
        }
      } catch (CliException e) {
        // Once the stream has been read, the service being away or failing for a while is a cut
        // like any other; a refusal (4xx) stays one, and so does a service never reached at all.
        if (!connectedOnce || e.exitCode() != ExitCodes.SERVER) {
          throw e;
        }
        err.println("qm: " + e.getMessage());
        last = Optional.empty();
      } catch (UncheckedIOException e) {
        last = Optional.empty(); // cut while reading: resume below
      }
      if (last.isPresent()) {
        return last.get();
      }
      err.println(
          "qm: the event stream was cut; reconnecting"
              + (lastEventId == null ? "" : " after event " + lastEventId));
      err.flush();
      Thread.sleep(pause.toMillis());
      pause =
          pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0
              ? LONGEST_PAUSE
              : pause.multipliedBy(2);
    }
  }

  /** Hands over the events of one connection; answers the last one to hand over if it came. */
  private Optional<StreamedEvent> read(Iterator<String> lines, Consumer<StreamedEvent> printer) {
    EventReader reader = new EventReader();
    while (lines.hasNext()) {
      Optional<StreamedEvent> event = reader.line(lines.next());
      if (event.isPresent()) {
        printer.accept(event.get());
        if (event.get().id() != null) {
          lastEventId = event.get().id();
        }
        handedOver++;
        if (oneOrder && event.get().endsOrder() || limit.map(n -> handedOver >= n).orElse(false)) {
          return event;
        }
      }
    }
    return Optional.empty();
  }

  private Map<String, String> resumeHeader() {
    return lastEventId == null ? Map.of() : Map.of("Last-Event-ID", lastEventId);
  }

  private CliException refusal(HttpResponse<Stream<String>> response, Stream<String> body) {
    String text = body.collect(Collectors.joining("\n"));
    return client.refusal(
        new ServiceClient.Response(response.statusCode(), text, response.headers(), "GET " + path));
  }
}
