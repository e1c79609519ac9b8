package io.quartermaster.event;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.sse.SseSink;
import io.quartermaster.error.BadRequestException;
import io.quartermaster.error.NotAcceptableException;
import io.quartermaster.http.RequestIds;
import io.quartermaster.identity.AccessControl;
import io.quartermaster.identity.Caller;
import io.quartermaster.identity.CallerKey;
import io.quartermaster.identity.Role;
import io.quartermaster.metrics.EventStreamMetrics;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * {@code GET /v1/{project_id}/events} and {@code GET /v1/{project_id}/orders/{order_name}/events}:
 * Server-Sent Events (an extension). Everything that can fail with the contract's JSON error does
 * so before the stream opens.
 */
public final class EventApi implements HttpService {

  private static final HeaderName LAST_EVENT_ID = HeaderNames.create("Last-Event-ID");
  private static final Pattern EVENT_ID = Pattern.compile("[0-9]{1,18}");

  private final AccessControl access;
  private final EventStreams streams;
  private final EventStreamMetrics meters;
  private final StreamCap cap;

  EventApi(AccessControl access, EventStreams streams, EventStreamMetrics meters, StreamCap cap) {
    this.access = access;
    this.streams = streams;
    this.meters = meters;
    this.cap = cap;
  }

  @Override
  public void routing(HttpRules rules) {
    rules
        .get("/v1/{projectId}/events", this::projectEvents)
        .get("/v1/{projectId}/orders/{orderName}/events", this::orderEvents);
  }

  private void projectEvents(ServerRequest req, ServerResponse res) {
    String projectId = req.path().pathParameters().get("projectId");
    Caller caller = access.authorize(req, projectId, Role.VIEWER, "modelarts:event:list");
    OptionalLong resume = resumeAfter(req);
    requireEventStream(req);
    stream(req, res, caller, streams.project(projectId, resume));
  }

  private void orderEvents(ServerRequest req, ServerResponse res) {
    String projectId = req.path().pathParameters().get("projectId");
    Caller caller = access.authorize(req, projectId, Role.VIEWER, "modelarts:order:events");
    OptionalLong resume = resumeAfter(req);
    requireEventStream(req);
    String order = req.path().pathParameters().get("orderName");
    stream(req, res, caller, streams.order(projectId, order, resume));
  }

  /** Runs the stream, counted against the caller's cap from before it opens until it ends. */
  private void stream(ServerRequest req, ServerResponse res, Caller caller, StreamPlan plan) {
    String holder = CallerKey.of(req, caller);
    cap.acquire(holder);
    try {
      stream(res, plan);
    } finally {
      cap.release(holder);
    }
  }

  private void stream(ServerResponse res, StreamPlan plan) {
    Subscription subscription = streams.subscribe(plan);
    SseSink sink;
    try {
      // Tells buffering proxies (nginx) to pass each event on at once.
      res.header("X-Accel-Buffering", "no");
      sink = res.sink(SseSink.TYPE);
    } catch (RuntimeException e) {
      subscription.close();
      throw e;
    }
    EventStreamMetrics.Stream kind =
        plan.orderName().isPresent()
            ? EventStreamMetrics.Stream.ORDER
            : EventStreamMetrics.Stream.PROJECT;
    meters.opened(kind);
    try {
      streams.run(plan, subscription, sink, RequestIds.of(res.headers()));
    } finally {
      meters.closed(kind);
    }
  }

  /**
   * Where the client stands: {@code Last-Event-ID} (what a reconnecting client sends) wins over
   * {@code ?after=}, which a first request uses. An empty value counts as absent.
   */
  private static OptionalLong resumeAfter(ServerRequest req) {
    Optional<String> header = req.headers().first(LAST_EVENT_ID).filter(v -> !v.isBlank());
    if (header.isPresent()) {
      return OptionalLong.of(eventId("Last-Event-ID", header.get().strip()));
    }
    Optional<String> after = req.query().first("after").asOptional().filter(v -> !v.isEmpty());
    return after.isPresent()
        ? OptionalLong.of(eventId("after", after.get()))
        : OptionalLong.empty();
  }

  private static long eventId(String name, String value) {
    if (!EVENT_ID.matcher(value).matches()) {
      throw BadRequestException.because(
          name
              + " must be an event id: an integer of at least 0, as sent in the stream's id: lines");
    }
    return Long.parseLong(value);
  }

  private static void requireEventStream(ServerRequest req) {
    if (!req.headers().isAccepted(MediaTypes.TEXT_EVENT_STREAM)) {
      throw NotAcceptableException.only("text/event-stream");
    }
  }
}
