package io.quartermaster.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;

/**
 * The embedded PostgreSQL of a data directory, seen from outside the service: its processes (found
 * by the {@code -D DIR/postgres} on their command line) and its database.
 */
public final class DataDirPostgres {

  private DataDirPostgres() {}

  /** The live PostgreSQL servers whose command line names {@code dataDir}'s database. */
  public static List<ProcessHandle> running(Path dataDir) {
    String pgData = dataDir.toAbsolutePath().normalize().resolve("postgres").toString();
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
        .filter(p -> p.info().arguments().map(a -> List.of(a).contains(pgData)).orElse(false))
        .toList();
  }

  /**
   * The servers still on {@code dataDir} after a stop has had a few seconds to finish (a postmaster
   * outlives its pid file by a moment); empty when the stop was clean.
   */
  public static List<ProcessHandle> leftRunning(Path dataDir) {
    Instant deadline = Instant.now().plusSeconds(10);
    List<ProcessHandle> left = running(dataDir);
    while (!left.isEmpty() && Instant.now().isBefore(deadline)) {
      ServiceProcess.sleep(Duration.ofMillis(100));
      left = running(dataDir);
    }
    return left;
  }

  /** The database of a running server, straight over JDBC (user postgres, trust auth). */
  public static Jdbi jdbi(Path dataDir) {
    return Jdbi.create(jdbcUrl(dataDir), "postgres", "");
  }

  /** Its JDBC URL: the port is line 4 of {@code postmaster.pid}. */
  public static String jdbcUrl(Path dataDir) {
    try {
      Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
      String port = Files.readAllLines(pidFile, StandardCharsets.UTF_8).get(3).strip();
      return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Clean-up after a test that left a server running: SIGINT, PostgreSQL's fast shutdown, which
   * ends open sessions instead of waiting for them; SIGKILL if that does not do.
   */
  public static void stop(Path dataDir) {
    for (ProcessHandle postgres : running(dataDir)) {
      try {
        new ProcessBuilder("/bin/sh", "-c", "kill -INT " + postgres.pid()).start().waitFor();
        postgres.onExit().get(ServiceProcess.STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      } catch (Exception e) {
        postgres.destroyForcibly();
      }
    }
  }
}
