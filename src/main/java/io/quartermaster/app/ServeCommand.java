package io.quartermaster.app;

import io.helidon.logging.common.LogConfig;
import io.quartermaster.db.DataDirectoryInUseException;
import io.quartermaster.db.DatabaseUnavailableException;
import io.quartermaster.error.InvalidConfigException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code qm serve}: runs the service until it is sent SIGTERM or SIGINT. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Start the service (embedded PostgreSQL unless QM_DATABASE_URL is set).")
public final class ServeCommand implements Callable<Integer> {

  @Option(
      names = "--port",
      description = "HTTP port (env QM_PORT, default 8080).",
      paramLabel = "PORT")
  Integer port;

  @Option(
      names = "--data-dir",
      description = "Where the embedded database keeps its data (env QM_DATA_DIR, default ./data).",
      paramLabel = "DIR")
  Path dataDir;

  @Override
  public Integer call() throws InterruptedException {
    // Here rather than in Main: client commands have no use for the server's logging set-up.
    LogConfig.configureRuntime();
    // The hook is in place before anything starts, so a SIGTERM that arrives while the database
    // is starting still stops it: the hook waits for the start to end, then closes in order.
    CompletableFuture<Application> started = new CompletableFuture<>();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(started, stopped), "shutdown"));
    Application app = null;
    try {
      LogLevel.apply(System.getenv());
      app = Application.start(config(), Clock.systemUTC());
    } catch (DataDirectoryInUseException
        | DatabaseUnavailableException
        | InvalidConfigException e) {
      System.err.println("qm serve: " + e.getMessage());
      return 2;
    } finally {
      started.complete(app);
    }
    System.out.println("Quartermaster listening on http://localhost:" + app.port());
    int api = app.port();
    app.metricsPort().stream()
        .filter(port -> port != api)
        .forEach(port -> System.out.println("Metrics on http://localhost:" + port + "/metrics"));
    stopped.await();
    return 0;
  }

  /** The environment's configuration; the command-line options win over it. */
  private Config config() {
    Config config = Config.fromEnvironment(System.getenv());
    if (port != null) {
      config = config.withPort(port);
    }
    if (dataDir != null) {
      config = config.withDataDir(dataDir);
    }
    return config;
  }

  private static void stop(CompletableFuture<Application> started, CountDownLatch stopped) {
    try {
      Application app = started.join();
      if (app != null) {
        app.close();
      }
    } finally {
      stopped.countDown();
    }
  }
}
