package io.quartermaster.db;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * Whether the database answers, as one probe sees it: a session of its own (outside the pool, so
 * that a pool busy with requests is never mistaken for an outage) that runs a trivial query every
 * {@link #PROBE_EVERY}. An outage is logged once when it begins and once when it ends; in between,
 * the parts that listen (the engine) pause, and {@link #recovery} gets a chance to bring the server
 * back (the embedded one is restarted when its postmaster died).
 */
public final class DatabaseAvailability implements AutoCloseable {

  /** Told when the database stops answering and when it answers again. */
  public interface Listener {
    void unavailable();

    void available();
  }

  /** Opens a session to the database. */
  @FunctionalInterface
  interface Connector {
    Connection connect() throws SQLException;
  }

  static final Duration PROBE_EVERY = Duration.ofMillis(500);
  private static final int VALID_TIMEOUT_SECONDS = 2;
  private static final System.Logger LOG = System.getLogger(DatabaseAvailability.class.getName());

  private final Connector connector;
  private final Runnable recovery;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final Thread thread;
  private volatile boolean available = true;
  private volatile Instant downSince;
  private volatile Instant upSince = Instant.EPOCH;
  private volatile boolean closed;
  private volatile long probes;
  private Connection session;

  DatabaseAvailability(Connector connector, Runnable recovery) {
    this.connector = connector;
    this.recovery = recovery;
    this.thread = new Thread(this::run, "qm-database-probe");
    thread.setDaemon(true);
  }

  void start() {
    OutageLogFilter.register(this);
    thread.start();
  }

  /** Whether the last probe got an answer. */
  public boolean available() {
    return available;
  }

  /** Whether the database is down now or came back less than {@code window} ago. */
  boolean unavailableWithin(Duration window) {
    return !available || upSince.plus(window).isAfter(Instant.now());
  }

  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  /**
   * Waits until a probe gets an answer, or {@code timeout} passes; answers whether the database is
   * available.
   */
  public boolean awaitAvailable(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!available && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    return available;
  }

  /**
   * Someone met a lost connection: probe now rather than at the next tick, so that the outage is
   * noticed (and the engine paused) as soon as possible.
   */
  public void suspect() {
    LockSupport.unpark(thread);
  }

  /**
   * Has the probe look now and answers whether the database is down: for a failure seen elsewhere
   * before the probe's next tick. Waits for two probes to finish (one may have begun before the
   * failure), at most {@code timeout}.
   */
  boolean confirmOutage(Duration timeout) {
    long seen = probes;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (available && probes < seen + 2 && System.nanoTime() < deadline && !closed) {
      suspect();
      LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
    }
    return !available;
  }

  private void run() {
    while (!closed) {
      OutageLogFilter.ensureInstalled();
      probe();
      probes++;
      LockSupport.parkNanos(PROBE_EVERY.toNanos());
    }
    closeSession();
  }

  private void probe() {
    try {
      if (session == null || session.isClosed()) {
        session = connector.connect();
      }
      try (var statement = session.createStatement()) {
        statement.setQueryTimeout(VALID_TIMEOUT_SECONDS);
        statement.execute("select 1");
      }
      if (!available) {
        becameAvailable();
      }
    } catch (SQLException | RuntimeException e) {
      closeSession();
      if (closed) {
        return;
      }
      if (available) {
        becameUnavailable(e);
      }
      recovery.run();
    }
  }

  private void becameUnavailable(Exception cause) {
    downSince = Instant.now();
    available = false;
    LOG.log(
        Level.WARNING,
        "The database cannot be reached ("
            + rootMessage(cause)
            + "): requests are answered 503 and the engine is paused until it answers again.");
    listeners.forEach(Listener::unavailable);
  }

  private void becameAvailable() {
    Duration outage = Duration.between(downSince, Instant.now());
    upSince = Instant.now();
    available = true;
    long quieted = OutageLogFilter.takeSuppressed();
    LOG.log(
        Level.WARNING,
        "The database answers again after "
            + outage.toMillis()
            + " ms; the engine resumes"
            + (quieted == 0
                ? "."
                : "; " + quieted + " library log records about the outage were left out."));
    listeners.forEach(Listener::available);
  }

  private void closeSession() {
    if (session == null) {
      return;
    }
    try {
      session.close();
    } catch (SQLException e) {
      // A broken session is what is being dropped.
    }
    session = null;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }

  @Override
  public void close() {
    closed = true;
    OutageLogFilter.unregister(this);
    LockSupport.unpark(thread);
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
