package io.quartermaster.event;

import io.helidon.webserver.http.HttpService;
import io.quartermaster.db.Database;
import io.quartermaster.identity.AccessControl;
import io.quartermaster.metrics.EventStreamMetrics;

/**
 * The event streams of one instance: the listening connection, the feeds it wakes and the HTTP
 * service that opens streams on them. Started before the server takes requests; closed before it
 * stops, so that open streams end instead of holding the shutdown up.
 */
public final class Events implements AutoCloseable {

  private final EventHub hub;
  private final EventListener listener;
  private final EventStreams streams;
  private final EventStreamMetrics meters;
  private final StreamCap cap;

  private Events(
      EventHub hub,
      EventListener listener,
      EventStreams streams,
      EventStreamMetrics meters,
      StreamCap cap) {
    this.hub = hub;
    this.listener = listener;
    this.streams = streams;
    this.meters = meters;
    this.cap = cap;
  }

  /**
   * @param meters where the number of open streams is reported
   */
  public static Events start(Database database, EventConfig config, EventStreamMetrics meters) {
    EventDao dao = new EventDao();
    EventHub hub = new EventHub(database.jdbi(), dao, config.pollInterval());
    EventListener listener = new EventListener(database::connect, hub::wake, hub::wakeAll);
    listener.start();
    return new Events(
        hub,
        listener,
        new EventStreams(database.jdbi(), dao, hub, config),
        meters,
        new StreamCap(config.maxStreamsPerCaller()));
  }

  public HttpService api(AccessControl access) {
    return new EventApi(access, streams, meters, cap);
  }

  /** How many streams are open on this instance. */
  public int openStreams() {
    return hub.subscribers();
  }

  /** Ends every open stream, then stops listening. */
  @Override
  public void close() {
    hub.close();
    listener.close();
  }
}
