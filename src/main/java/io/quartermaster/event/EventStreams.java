package io.quartermaster.event;

import io.helidon.webserver.sse.SseSink;
import io.quartermaster.error.BadRequestException;
import io.quartermaster.error.GoneException;
import io.quartermaster.error.NotFoundException;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Jdbi;

/**
 * The event streams of a project and of one order: checks where a stream may start, then runs it.
 */
final class EventStreams {

  private final Jdbi jdbi;
  private final EventDao dao;
  private final EventHub hub;
  private final EventConfig config;

  EventStreams(Jdbi jdbi, EventDao dao, EventHub hub, EventConfig config) {
    this.jdbi = jdbi;
    this.dao = dao;
    this.hub = hub;
    this.config = config;
  }

  /**
   * The project's stream: from now on, or after {@code resume}.
   *
   * @throws BadRequestException when {@code resume} is beyond the project's newest event
   * @throws GoneException when events after {@code resume} have been purged
   */
  StreamPlan project(String projectId, OptionalLong resume) {
    return jdbi.withHandle(
        h -> {
          long newest = dao.newest(h, projectId);
          if (resume.isEmpty()) {
            return new StreamPlan(projectId, Optional.empty(), newest, false);
          }
          long after = checkNotBeyond(resume.getAsLong(), newest);
          long purged = dao.purgedThrough(h, projectId);
          if (after < purged) {
            throw GoneException.eventsPurged(after, purged);
          }
          return new StreamPlan(projectId, Optional.empty(), after, false);
        });
  }

  /**
   * One order's stream: its whole history, or what came after {@code resume}, then its live events
   * until it ends. An order's events are purged only with the order, so none can be missing.
   *
   * @throws NotFoundException when the project has no such order
   */
  StreamPlan order(String projectId, String nameOrId, OptionalLong resume) {
    return jdbi.withHandle(
        h -> {
          EventDao.OrderRef order =
              dao.order(h, projectId, nameOrId)
                  .orElseThrow(() -> NotFoundException.order(nameOrId));
          long after =
              resume.isEmpty() ? 0 : checkNotBeyond(resume.getAsLong(), dao.newest(h, projectId));
          return new StreamPlan(projectId, Optional.of(order.orderName()), after, order.finished());
        });
  }

  /** Registers the stream; once this returns, the stream sees every event after its start. */
  Subscription subscribe(StreamPlan plan) {
    return hub.subscribe(plan.projectId());
  }

  /** Sends the stream until it ends, the client goes away or the service stops. */
  void run(StreamPlan plan, Subscription subscription, SseSink sink, String requestId) {
    new EventStream(jdbi, dao, hub, config, plan, subscription, sink, requestId).run();
  }

  private static long checkNotBeyond(long after, long newest) {
    if (after > newest) {
      throw BadRequestException.because(
          "Last-Event-ID (or after) is "
              + after
              + ", beyond the newest event of the project ("
              + newest
              + ")");
    }
    return after;
  }
}
