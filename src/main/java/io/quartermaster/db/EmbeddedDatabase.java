package io.quartermaster.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A PostgreSQL server run from the binaries in a jar, with its data kept in {@code
 * dataDir/postgres} across restarts.
 */
final class EmbeddedDatabase implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(EmbeddedDatabase.class.getName());
  private static final Duration ORPHAN_STOP_TIMEOUT = Duration.ofSeconds(30);

  private final DataDirectoryLock lock;
  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(DataDirectoryLock lock, EmbeddedPostgres postgres) {
    this.lock = lock;
    this.postgres = postgres;
  }

  static EmbeddedDatabase start(Path dataDir, boolean durable) throws IOException {
    DataDirectoryLock lock = DataDirectoryLock.acquire(dataDir);
    try {
      Path pgData = dataDir.resolve("postgres");
      stopOrphan(pgData);
      String onOff = durable ? "on" : "off";
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(pgData)
              .setCleanDataDirectory(false)
              .setServerConfig("fsync", onOff)
              .setServerConfig("synchronous_commit", onOff)
              .setServerConfig("full_page_writes", onOff)
              .setServerConfig("max_connections", "100")
              .start();
      return new EmbeddedDatabase(lock, postgres);
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  /**
   * After a {@code kill -9} of the JVM its PostgreSQL child lives on, holding the data directory.
   * We own the directory lock, so no live instance uses that server: stop it and let the normal
   * start recover from the WAL.
   */
  private static void stopOrphan(Path pgData) throws IOException {
    Path pidFile = pgData.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    Optional<ProcessHandle> orphan =
        Files.readAllLines(pidFile, StandardCharsets.UTF_8).stream()
            .findFirst()
            .map(String::strip)
            .filter(line -> line.matches("\\d+"))
            .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid)))
            .filter(ProcessHandle::isAlive)
            .filter(EmbeddedDatabase::isPostgres);
    if (orphan.isEmpty()) {
      Files.deleteIfExists(pidFile);
      return;
    }
    LOG.log(Level.WARNING, "stopping PostgreSQL left running by an earlier crash");
    ProcessHandle process = orphan.get();
    process.destroy();
    Instant deadline = Instant.now().plus(ORPHAN_STOP_TIMEOUT);
    while (process.isAlive() && Instant.now().isBefore(deadline)) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while stopping an orphaned PostgreSQL", e);
      }
    }
    if (process.isAlive()) {
      throw new IOException(
          "PostgreSQL (pid " + process.pid() + ") still holds " + pgData + "; stop it by hand");
    }
    Files.deleteIfExists(pidFile);
  }

  private static boolean isPostgres(ProcessHandle process) {
    return process.info().command().map(command -> command.contains("postgres")).orElse(false);
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
