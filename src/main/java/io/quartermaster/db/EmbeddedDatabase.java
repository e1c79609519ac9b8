package io.quartermaster.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * A PostgreSQL server run from the binaries in a jar, with its data kept in {@code
 * dataDir/postgres} across restarts. When its postmaster dies under the running service (killed, or
 * crashed), {@link #restartIfStopped()} starts it again on the same port, so that the pool and the
 * listening session reconnect to it as they would to an external server that restarted.
 */
final class EmbeddedDatabase implements AutoCloseable {

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
  private static final System.Logger LOG = System.getLogger(EmbeddedDatabase.class.getName());

  private final DataDirectoryLock lock;
  private final Path pgData;
  private final boolean durable;
  private volatile EmbeddedPostgres postgres;
  private volatile boolean closed;

  private EmbeddedDatabase(
      DataDirectoryLock lock, Path pgData, boolean durable, EmbeddedPostgres postgres) {
    this.lock = lock;
    this.pgData = pgData;
    this.durable = durable;
    this.postgres = postgres;
  }

  static EmbeddedDatabase start(Path dataDir, boolean durable) throws IOException {
    // The real, absolute path: PostgreSQL's command line then names the directory exactly, which
    // is how an orphan left by a crash is recognised (OrphanedPostgres).
    Path realDir = Files.createDirectories(dataDir).toRealPath();
    Path pgData = realDir.resolve("postgres");
    DataDirectoryLock lock = DataDirectoryLock.acquire(realDir);
    try {
      return new EmbeddedDatabase(
          lock, pgData, durable, launch(pgData, durable, OptionalInt.empty()));
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /** Starts PostgreSQL on {@code pgData}, on {@code port} or a free one. */
  private static EmbeddedPostgres launch(Path pgData, boolean durable, OptionalInt port)
      throws IOException {
    OrphanedPostgres.stopIfRunning(pgData);
    try {
      String onOff = durable ? "on" : "off";
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(pgData)
              .setCleanDataDirectory(false)
              // zonky starts postgres with -F (fsync off); these -c settings come after it and win.
              .setServerConfig("fsync", onOff)
              .setServerConfig("synchronous_commit", onOff)
              .setServerConfig("full_page_writes", onOff)
              .setServerConfig("max_connections", "100")
              // The owner closes us in order (HTTP first, then the pool, then PostgreSQL); zonky's
              // own hook would stop PostgreSQL concurrently, under requests still being served.
              .setRegisterShutdownHook(false)
              // Crash recovery after an unclean stop replays the WAL and can outlast zonky's 10 s.
              .setPGStartupWait(STARTUP_TIMEOUT);
      port.ifPresent(builder::setPort);
      return builder.start();
    } catch (IOException | RuntimeException e) {
      try {
        // A start that failed after launching PostgreSQL (it did not answer in time) leaves it
        // running; we still hold the lock, so it is ours to stop.
        OrphanedPostgres.stopIfRunning(pgData);
      } catch (IOException | RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  /**
   * Starts PostgreSQL again when its postmaster is gone; does nothing while it runs (an outage with
   * the postmaster alive, such as crash recovery under way, is waited out). A start that fails, for
   * instance while the dead server's backends still hold its shared memory, is tried again at the
   * next call.
   */
  synchronized void restartIfStopped() {
    if (closed) {
      return;
    }
    try {
      if (OrphanedPostgres.isRunning(pgData)) {
        return;
      }
      int port = postgres.getPort();
      LOG.log(
          Level.WARNING,
          "The embedded PostgreSQL is not running; starting it again on port " + port + ".");
      closeQuietly(postgres);
      postgres = launch(pgData, durable, OptionalInt.of(port));
      LOG.log(Level.WARNING, "The embedded PostgreSQL runs again on port " + port + ".");
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "The embedded PostgreSQL did not start again (retrying): " + e);
    }
  }

  private static void closeQuietly(EmbeddedPostgres dead) {
    try {
      dead.close();
    } catch (IOException | RuntimeException e) {
      // Its pg_ctl stop finds no server: there is nothing left to stop.
    }
  }

  @Override
  public synchronized void close() throws IOException {
    closed = true;
    try {
      postgres.close();
    } finally {
      lock.close();
    }
  }
}
