package io.quartermaster.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.sse.SseSink;
import io.quartermaster.http.ErrorBodies;
import io.quartermaster.json.Json;
import java.lang.System.Logger.Level;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * One open stream: replays the log after the client's position, then sends what the project's feed
 * reads, with heartbeats while it is quiet. The log is the truth: a batch from the feed that does
 * not continue exactly where this stream stands (it subscribed mid-read, or its inbox overflowed)
 * is replaced by a read of the log, so nothing is skipped and nothing sent twice.
 *
 * <p>Waits use the monotonic clock, not the service's {@code Clock}: they measure time passing on
 * this machine, which tests that move the service's clock must not disturb.
 */
final class EventStream {

  private static final System.Logger LOG = System.getLogger(EventStream.class.getName());

  /** The client went away: writing to it failed. */
  private static final class ClientGone extends RuntimeException {
    ClientGone(RuntimeException cause) {
      super(cause);
    }
  }

  private final Jdbi jdbi;
  private final EventDao dao;
  private final EventHub hub;
  private final EventConfig config;
  private final StreamPlan plan;
  private final Subscription subscription;
  private final SseSink sink;
  private final String requestId;
  // The project's log is known up to here: every event numbered up to it was sent or not ours.
  private long seen;
  private boolean ended;
  private long nextHeartbeat;

  EventStream(
      Jdbi jdbi,
      EventDao dao,
      EventHub hub,
      EventConfig config,
      StreamPlan plan,
      Subscription subscription,
      SseSink sink,
      String requestId) {
    this.jdbi = jdbi;
    this.dao = dao;
    this.hub = hub;
    this.config = config;
    this.plan = plan;
    this.subscription = subscription;
    this.sink = sink;
    this.requestId = requestId;
    this.seen = plan.after();
  }

  void run() {
    try {
      heartbeatLater();
      catchUp();
      ended |= plan.endsAfterReplay();
      live();
    } catch (ClientGone e) {
      LOG.log(Level.DEBUG, "client of stream " + requestId + " went away");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "stream " + requestId + " failed", e);
      sendError();
    } finally {
      hub.unsubscribe(subscription);
      closeQuietly();
    }
  }

  private void live() throws InterruptedException {
    long deadline = System.nanoTime() + config.maxDuration().toNanos();
    while (!ended && !subscription.closed()) {
      if (subscription.takeOverflow()) {
        catchUp();
        continue;
      }
      long now = System.nanoTime();
      if (now - deadline >= 0) {
        return;
      }
      if (now - nextHeartbeat >= 0) {
        emit(SseEvent.builder().comment("heartbeat").build());
      }
      Subscription.Batch batch = subscription.next(Math.min(nextHeartbeat, deadline) - now);
      if (batch == null) {
        continue;
      }
      if (batch.after() > seen) {
        catchUp();
      } else if (batch.last() > seen) {
        send(batch.rows());
        seen = batch.last();
      }
    }
  }

  /** Sends everything in the log after {@link #seen}, in batches, from one snapshot each. */
  private void catchUp() {
    while (!ended) {
      long after = seen;
      Page page =
          jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> read(h, after));
      send(page.rows());
      boolean full = page.rows().size() == ProjectFeed.BATCH;
      long last = page.rows().isEmpty() ? after : page.rows().getLast().seq();
      // A short read saw the whole log of its snapshot, which ends at the project's newest event.
      seen = full ? last : Math.max(last, page.newest());
      if (!full) {
        return;
      }
    }
  }

  private record Page(List<EventRow> rows, long newest) {}

  private Page read(Handle h, long after) {
    long newest = dao.newest(h, plan.projectId());
    List<EventRow> rows =
        plan.orderName().isPresent()
            ? dao.afterForOrder(
                h, plan.projectId(), plan.orderName().get(), after, ProjectFeed.BATCH)
            : dao.after(h, plan.projectId(), after, ProjectFeed.BATCH);
    return new Page(rows, newest);
  }

  private void send(List<EventRow> rows) {
    for (EventRow row : rows) {
      if (ended) {
        return;
      }
      if (row.seq() <= seen) {
        continue;
      }
      if (plan.orderName().isPresent() && !plan.orderName().get().equals(row.orderName())) {
        continue;
      }
      emit(
          SseEvent.builder()
              .id(Long.toString(row.seq()))
              .name(row.kind())
              .data(json(StreamEvent.of(row)))
              .build());
      ended = plan.orderName().isPresent() && row.endsOrder();
    }
  }

  private void emit(SseEvent event) {
    try {
      sink.emit(event);
    } catch (RuntimeException e) {
      throw new ClientGone(e);
    }
    heartbeatLater();
  }

  private void heartbeatLater() {
    nextHeartbeat = System.nanoTime() + config.heartbeat().toNanos();
  }

  /** After the stream began, an unexpected failure can only be told as an event. */
  private void sendError() {
    try {
      sink.emit(
          SseEvent.builder()
              .name("error")
              .data(
                  json(
                      new ErrorBodies.ModelArtsError(
                          ErrorBodies.INTERNAL_ERROR,
                          "Internal error. Request id " + requestId + ".")))
              .build());
    } catch (RuntimeException e) {
      LOG.log(Level.DEBUG, "could not tell the client of stream " + requestId, e);
    }
  }

  private void closeQuietly() {
    try {
      sink.close();
    } catch (RuntimeException e) {
      LOG.log(Level.DEBUG, "closing stream " + requestId, e);
    }
  }

  private static byte[] json(Object value) {
    try {
      return Json.mapper().writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("event is not serializable", e);
    }
  }
}
