package io.quartermaster.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Quartermaster run as a child process, the way an operator runs it: the packaged jar (or the
 * {@code qm} launcher) with its own JVM and embedded PostgreSQL. {@link #close()} always leaves no
 * process behind: the JVM and any PostgreSQL still running on the data directories it was given
 * (see {@link DataDirPostgres}). Every wait is bounded.
 */
public final class ServiceProcess implements AutoCloseable {

  public static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  public static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final Path workDir;
  private final List<Path> dataDirs;

  private ServiceProcess(Process process, Path workDir, List<Path> dataDirs) {
    this.process = process;
    this.workDir = workDir;
    this.dataDirs = dataDirs;
  }

  /** {@code java -jar quartermaster.jar serve --port port --data-dir dataDir}. */
  public static ServiceProcess serve(int port, Path dataDir) {
    return start(jar("serve", "--port", "" + port, "--data-dir", dataDir.toString()), Map.of());
  }

  /**
   * Starts {@code command} in a fresh working directory, with the test JVM's environment less every
   * {@code QM_*} variable, plus {@code env} (a null value removes the variable). PostgreSQL left on
   * {@code dirs}, on the {@code --data-dir} of the command or on the default {@code ./data} is
   * stopped on {@link #close()}.
   */
  public static ServiceProcess start(List<String> command, Map<String, String> env, Path... dirs) {
    try {
      Path work = Files.createTempDirectory("qm-process-");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(work.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectOutput(work.resolve("stdout").toFile())
              .redirectError(work.resolve("stderr").toFile());
      builder.environment().keySet().removeIf(name -> name.startsWith("QM_"));
      env.forEach(
          (name, value) -> {
            if (value == null) {
              builder.environment().remove(name);
            } else {
              builder.environment().put(name, value);
            }
          });
      List<Path> watched = new ArrayList<>(Arrays.asList(dirs));
      watched.add(work.resolve("data"));
      dataDirAfter(command).ifPresent(watched::add);
      return new ServiceProcess(builder.start(), work, List.copyOf(watched));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The command line that runs the packaged jar with {@code args}, on the test's own JDK. */
  public static List<String> jar(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(Path.of(System.getProperty("qm.jar", "target/quartermaster.jar")).toString());
    command.addAll(List.of(args));
    return command;
  }

  /** The project's root, where {@code qm} lives. */
  public static Path root() {
    return Path.of(System.getProperty("qm.root", ".")).toAbsolutePath();
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until {@code GET /health} on {@code port} answers 200; fails if the process dies. */
  public ServiceProcess awaitHealthy(int port) {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new AssertionError(
            "exited with " + process.exitValue() + " before answering" + log());
      }
      if (health(port) == 200) {
        return this;
      }
      sleep(Duration.ofMillis(200));
    }
    throw new AssertionError("no healthy answer on port " + port + " in " + START_TIMEOUT + log());
  }

  /** The status of {@code GET /health} on {@code port}, or -1 when nothing answers. */
  public static int health(int port) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
            .timeout(Duration.ofSeconds(5))
            .build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Waits for the process to end by itself and returns its exit code. */
  public int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("still running after " + timeout + log());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** SIGTERM, as a supervisor stops a service; returns the exit code. */
  public int stop() {
    process.destroy();
    return awaitExit(STOP_TIMEOUT);
  }

  /** SIGKILL of the JVM alone, as the OOM killer or a power cut would: PostgreSQL lives on. */
  public void kill() {
    process.destroyForcibly();
    awaitExit(STOP_TIMEOUT);
  }

  /** The working directory it was started in, where a plain {@code qm serve} keeps {@code data}. */
  public Path workDir() {
    return workDir;
  }

  public ProcessHandle handle() {
    return process.toHandle();
  }

  public String stdout() {
    return read(workDir.resolve("stdout"));
  }

  public String stderr() {
    return read(workDir.resolve("stderr"));
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      awaitExit(STOP_TIMEOUT);
    }
    for (Path dir : dataDirs) {
      DataDirPostgres.stop(dir);
    }
    try (Stream<Path> files = Files.walk(workDir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Closes {@code processes} newest first, so each finds its own PostgreSQL, not a successor's. */
  public static void closeAll(List<ServiceProcess> processes) {
    for (ServiceProcess process : processes.reversed()) {
      process.close();
    }
  }

  private String log() {
    return "\n--- stdout\n" + stdout() + "\n--- stderr\n" + stderr();
  }

  private static Optional<Path> dataDirAfter(List<String> command) {
    int at = command.indexOf("--data-dir");
    return at >= 0 && at + 1 < command.size()
        ? Optional.of(Path.of(command.get(at + 1)))
        : Optional.empty();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
