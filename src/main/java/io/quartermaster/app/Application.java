package io.quartermaster.app;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpService;
import io.quartermaster.db.Database;
import io.quartermaster.http.ApiServer;
import java.time.Clock;
import java.util.List;

/**
 * The composition root: builds every part from the configuration with plain constructors, starts
 * them in dependency order and stops them in reverse.
 */
public final class Application implements AutoCloseable {

  private final Database database;
  private final WebServer server;

  private Application(Database database, WebServer server) {
    this.database = database;
    this.server = server;
  }

  public static Application start(Config config, Clock clock) {
    Database database = Database.start(config.database());
    try {
      List<HttpService> services = List.of(new HealthService(database));
      WebServer server = ApiServer.start(config.host(), config.port(), services);
      if (!server.isRunning()) {
        // Helidon logs a failed bind and returns a stopped server instead of throwing.
        throw new InvalidConfigException(
            "cannot listen on " + config.host() + ":" + config.port() + " (is the port in use?)");
      }
      return new Application(database, server);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /** The database, for tests that inspect or prepare state below the API. */
  public Database database() {
    return database;
  }

  /** The port the server listens on; useful when started with port 0. */
  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.stop();
    database.close();
  }
}
