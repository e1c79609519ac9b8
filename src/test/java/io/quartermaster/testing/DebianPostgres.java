package io.quartermaster.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server from the operating system's packages (Debian's {@code postgresql}), started
 * for one test in a throwaway directory: the "external database" that several service instances
 * share. As root it runs as the {@code postgres} user, since PostgreSQL refuses to run as root.
 */
public final class DebianPostgres implements AutoCloseable {

  private static final Path PACKAGES = Path.of("/usr/lib/postgresql");

  private final Path bin;
  private final Path dir;
  private final Path dataDir;
  private final int port;

  private DebianPostgres(Path bin, Path dir, int port) {
    this.bin = bin;
    this.dir = dir;
    this.dataDir = dir.resolve("data");
    this.port = port;
  }

  /** Initializes and starts a server on a free port with trust authentication on loopback. */
  public static DebianPostgres start() throws IOException, InterruptedException {
    Path bin = newestBin();
    Path dir = Files.createTempDirectory("qm-external-pg-");
    Path dataDir = dir.resolve("data");
    if (isRoot()) {
      run(List.of("chown", "postgres:postgres", dir.toString()));
    }
    int port = freePort();
    runAsPostgres(
        List.of(
            bin.resolve("initdb").toString(),
            "-D",
            dataDir.toString(),
            "-U",
            "postgres",
            "--auth=trust",
            "--no-sync"));
    DebianPostgres postgres = new DebianPostgres(bin, dir, port);
    postgres.startAgain();
    return postgres;
  }

  /** Starts the server again after {@link #stop}, on the same port and data. */
  public void startAgain() throws IOException, InterruptedException {
    runAsPostgres(
        List.of(
            bin.resolve("pg_ctl").toString(),
            "-D",
            dataDir.toString(),
            "-l",
            dir.resolve("server.log").toString(),
            "-o",
            "-p " + port + " -h 127.0.0.1 -k " + dir + " -c fsync=off",
            "-w",
            "start"));
  }

  /**
   * Stops the server as {@code pg_ctl stop -m mode} does: {@code fast} ends the sessions and shuts
   * down cleanly, {@code immediate} quits at once, as a crash would, and the next start recovers.
   */
  public void stop(String mode) throws IOException, InterruptedException {
    runAsPostgres(
        List.of(
            bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", mode, "-w", "stop"));
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      if (!Files.exists(dataDir.resolve("postmaster.pid"))) {
        return; // stopped by the test, and left so
      }
      runAsPostgres(
          List.of(
              bin.resolve("pg_ctl").toString(),
              "-D",
              dataDir.toString(),
              "-m",
              "fast",
              "-w",
              "stop"));
    } finally {
      TempDirs.deleteQuietly(dir);
    }
  }

  private static Path newestBin() throws IOException {
    if (!Files.isDirectory(PACKAGES)) {
      throw new IllegalStateException(
          "PostgreSQL server packages are not installed (apt-get install -y postgresql)");
    }
    try (Stream<Path> versions = Files.list(PACKAGES)) {
      return versions
          .filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
          .max(Comparator.comparing(v -> Integer.parseInt(v.getFileName().toString())))
          .map(v -> v.resolve("bin"))
          .orElseThrow(() -> new IllegalStateException("no initdb under " + PACKAGES));
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static void runAsPostgres(List<String> command) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (isRoot()) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    run(full);
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed:\n" + output);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
