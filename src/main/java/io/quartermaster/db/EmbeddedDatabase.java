package io.quartermaster.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A PostgreSQL server run from the binaries in a jar, with its data kept in {@code
 * dataDir/postgres} across restarts.
 */
final class EmbeddedDatabase implements AutoCloseable {

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

  private final DataDirectoryLock lock;
  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(DataDirectoryLock lock, EmbeddedPostgres postgres) {
    this.lock = lock;
    this.postgres = postgres;
  }

  static EmbeddedDatabase start(Path dataDir, boolean durable) throws IOException {
    // The real, absolute path: PostgreSQL's command line then names the directory exactly, which
    // is how an orphan left by a crash is recognised (OrphanedPostgres).
    Path realDir = Files.createDirectories(dataDir).toRealPath();
    Path pgData = realDir.resolve("postgres");
    DataDirectoryLock lock = DataDirectoryLock.acquire(realDir);
    try {
      OrphanedPostgres.stopIfRunning(pgData);
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw e;
    }
    try {
      String onOff = durable ? "on" : "off";
      EmbeddedPostgres postgres =
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
              .setPGStartupWait(STARTUP_TIMEOUT)
              .start();
      return new EmbeddedDatabase(lock, postgres);
    } catch (IOException | RuntimeException e) {
      try {
        // A start that failed after launching PostgreSQL (it did not answer in time) leaves it
        // running; we still hold the lock, so it is ours to stop.
        OrphanedPostgres.stopIfRunning(pgData);
      } catch (IOException | RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      lock.close();
      throw e;
    }
  }

  String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  @Override
  public void close() throws IOException {
    try {
      postgres.close();
    } finally {
      lock.close();
    }
  }
}
