package io.quartermaster.event;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * This instance's one listening session: a connection of its own (outside the pool, which it would
 * otherwise hold forever) that LISTENs on {@code qm_order_events} and turns each notification into
 * a wake-up of that project's feed. Notifications only wake; the log is read for the truth. When
 * the connection breaks it is opened again, with a growing pause, and every feed re-reads, since
 * notifications sent meanwhile are lost.
 */
final class EventListener implements AutoCloseable {

  /** Opens a new connection to the service's database. */
  @FunctionalInterface
  interface Connector {
    Connection connect() throws SQLException;
  }

  static final String CHANNEL = "qm_order_events";
  static final String APPLICATION_NAME = "quartermaster-events";

  private static final System.Logger LOG = System.getLogger(EventListener.class.getName());
  private static final int WAIT_MILLIS = 500;
  // A connection that silently died (no reset from the peer) is noticed by a query, not by waiting.
  private static final Duration PROBE_EVERY = Duration.ofSeconds(15);
  // Short enough that streams are live again within seconds of a database restart.
  private static final Duration MAX_PAUSE = Duration.ofSeconds(5);

  private final Connector connector;
  private final Consumer<String> onProject;
  private final Runnable onConnected;
  private final Thread thread;
  private volatile boolean closed;

  EventListener(Connector connector, Consumer<String> onProject, Runnable onConnected) {
    this.connector = connector;
    this.onProject = onProject;
    this.onConnected = onConnected;
    this.thread = new Thread(this::run, "qm-event-listener");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void run() {
    Duration pause = Duration.ofMillis(250);
    boolean lost = false;
    while (!closed) {
      try (Connection connection = connector.connect()) {
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
          statement.execute("set application_name = '" + APPLICATION_NAME + "'");
          statement.execute("listen " + CHANNEL);
        }
        pause = Duration.ofMillis(250);
        if (lost) {
          LOG.log(Level.INFO, "event listener is listening again");
          lost = false;
        }
        onConnected.run();
        listen(connection);
      } catch (SQLException | RuntimeException e) {
        if (closed) {
          return;
        }
        // Once per outage; every further attempt is a detail.
        LOG.log(
            lost ? Level.DEBUG : Level.WARNING,
            "event listener lost its database connection; reconnecting in " + pause + ": " + e);
        lost = true;
        sleep(pause);
        pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
      }
    }
  }

  private void listen(Connection connection) throws SQLException {
    PGConnection pg = connection.unwrap(PGConnection.class);
    long nextProbe = System.nanoTime() + PROBE_EVERY.toNanos();
    while (!closed) {
      PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
      if (notifications != null) {
        for (PGNotification notification : notifications) {
          onProject.accept(notification.getParameter());
        }
      }
      if (System.nanoTime() > nextProbe) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("select 1");
        }
        nextProbe = System.nanoTime() + PROBE_EVERY.toNanos();
      }
    }
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops listening within about half a second. */
  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
