package io.quartermaster.db;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * After a {@code kill -9} of the JVM its PostgreSQL lives on, holding the data directory. The
 * caller owns the directory lock, so no live instance uses that server: it is an orphan and is
 * stopped before the normal start.
 */
final class OrphanedPostgres {

  private static final System.Logger LOG = System.getLogger(OrphanedPostgres.class.getName());
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private OrphanedPostgres() {}

  /** Stops the postmaster named in {@code pgData/postmaster.pid} if it still runs on that dir. */
  static void stopIfRunning(Path pgData) throws IOException {
    Path pidFile = pgData.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    Optional<ProcessHandle> orphan = postmaster(pidFile).filter(p -> servesDirectory(p, pgData));
    if (orphan.isEmpty()) {
      // A stale file (the pid is gone or now belongs to someone else) would make PostgreSQL refuse
      // to start, so it goes; PostgreSQL's shared-memory check still guards the directory.
      Files.deleteIfExists(pidFile);
      return;
    }
    ProcessHandle process = orphan.get();
    LOG.log(
        Level.WARNING,
        "stopping PostgreSQL (pid {0}) left running on {1} by an earlier crash",
        Long.toString(process.pid()),
        pgData);
    requestFastShutdown(process);
    if (!awaitExit(process)) {
      throw new IOException(
          "PostgreSQL (pid "
              + process.pid()
              + ") still runs on "
              + pgData
              + " after "
              + STOP_TIMEOUT.toSeconds()
              + " s; stop it by hand");
    }
  }

  /** Whether the postmaster named in {@code pgData/postmaster.pid} runs on that directory. */
  static boolean isRunning(Path pgData) throws IOException {
    Path pidFile = pgData.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return false;
    }
    return postmaster(pidFile).filter(p -> servesDirectory(p, pgData)).isPresent();
  }

  private static Optional<ProcessHandle> postmaster(Path pidFile) throws IOException {
    List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
    return lines.stream()
        .findFirst()
        .map(String::strip)
        .filter(line -> line.matches("\\d{1,10}"))
        .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid)))
        .filter(ProcessHandle::isAlive);
  }

  /**
   * Pids are reused (after a reboot the file's pid may be any process, even another PostgreSQL), so
   * only a postgres started with {@code -D pgData} counts.
   */
  private static boolean servesDirectory(ProcessHandle process, Path pgData) {
    ProcessHandle.Info info = process.info();
    boolean isPostgres = info.command().map(c -> c.endsWith("/postgres")).orElse(false);
    boolean onThisDir =
        info.arguments().map(args -> Arrays.asList(args).contains(pgData.toString())).orElse(false);
    return isPostgres && onThisDir;
  }

  /**
   * SIGINT is PostgreSQL's fast shutdown: it ends open sessions (an operator's psql, a monitoring
   * agent) and checkpoints. SIGTERM, all {@link ProcessHandle#destroy()} can send, would wait for
   * those sessions forever. The JDK has no call for SIGINT; the shell's built-in kill has.
   */
  private static void requestFastShutdown(ProcessHandle process) throws IOException {
    Process kill =
        new ProcessBuilder("/bin/sh", "-c", "kill -INT " + process.pid())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      if (kill.waitFor() != 0) {
        process.destroy();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while stopping an orphaned PostgreSQL", e);
    }
  }

  private static boolean awaitExit(ProcessHandle process) throws IOException {
    Instant deadline = Instant.now().plus(STOP_TIMEOUT);
    while (process.isAlive() && Instant.now().isBefore(deadline)) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while stopping an orphaned PostgreSQL", e);
      }
    }
    return !process.isAlive();
  }
}
