package io.quartermaster.event;

import io.helidon.webserver.http.HttpService;
import io.quartermaster.db.Database;
import io.quartermaster.identity.AccessControl;

/**
 * The event streams of one instance: the listening connection, the feeds it wakes and the HTTP
 * service that opens streams on them. Started before the server takes requests; closed before it
 * stops, so that open streams end instead of holding the shutdown up.
 */
public final class Events implements AutoCloseable {

  private final EventHub hub;
  private final EventListener listener;
  private final EventStreams streams;

  private Events(EventHub hub, EventListener listener, EventStreams streams) {
    this.hub = hub;
    this.listener = listener;
    this.streams = streams;
  }

  public static Events start(Database database, EventConfig config) {
    EventDao dao = new EventDao();
    EventHub hub = new EventHub(database.jdbi(), dao, config.pollInterval());
    EventListener listener = new EventListener(database::connect, hub::wake, hub::wakeAll);
    listener.start();
    return new Events(hub, listener, new EventStreams(database.jdbi(), dao, hub, config));
  }

  public HttpService api(AccessControl access) {
    return new EventApi(access, streams);
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
