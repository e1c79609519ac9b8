package io.quartermaster.app;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpService;
import io.quartermaster.db.Database;
import io.quartermaster.engine.Engine;
import io.quartermaster.engine.OrderEngine;
import io.quartermaster.engine.Provider;
import io.quartermaster.engine.RecurringJob;
import io.quartermaster.engine.webhook.WebhookProvider;
import io.quartermaster.error.InvalidConfigException;
import io.quartermaster.flavor.FlavorApi;
import io.quartermaster.flavor.FlavorCatalog;
import io.quartermaster.http.ApiServer;
import io.quartermaster.identity.AccessControl;
import io.quartermaster.identity.Identity;
import io.quartermaster.identity.ServerKey;
import io.quartermaster.order.OrderConfig;
import io.quartermaster.order.OrderNames;
import io.quartermaster.order.OrderPlacement;
import io.quartermaster.order.OrderProgress;
import io.quartermaster.order.Orders;
import io.quartermaster.pool.NodeApi;
import io.quartermaster.pool.NodeService;
import io.quartermaster.pool.PoolApi;
import io.quartermaster.pool.PoolChanges;
import io.quartermaster.pool.PoolLifecycle;
import io.quartermaster.pool.PoolService;
import io.quartermaster.pool.PoolStatistics;
import io.quartermaster.pool.PoolStatisticsApi;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The composition root: builds every part from the configuration with plain constructors, starts
 * them in dependency order and stops them in reverse.
 */
public final class Application implements AutoCloseable {

  private final Database database;
  private final OrderEngine engine;
  private final WebServer server;

  private Application(Database database, OrderEngine engine, WebServer server) {
    this.database = database;
    this.engine = engine;
    this.server = server;
  }

  public static Application start(Config config, Clock clock) {
    FlavorCatalog catalog = FlavorCatalog.load(config.pools().flavorCatalog());
    Database database = Database.start(config.database());
    OrderEngine engine = null;
    try {
      Identity identity =
          Identity.start(
              database.jdbi(),
              config.identity(),
              ServerKey.resolve(config.identity(), config.database()),
              clock);
      AccessControl accessControl = identity.accessControl();
      Jdbi jdbi = database.jdbi();
      // Every effect of an order on its pool, for the orders, the engine and the pools alike.
      PoolLifecycle lifecycle = new PoolLifecycle();
      engine =
          Engine.create(
              database.dataSource(),
              jdbi,
              new OrderProgress(jdbi, lifecycle, clock),
              provider(config, jdbi, catalog, clock),
              config.engine(),
              recurringJobs(jdbi, lifecycle, config.orders(), clock));
      OrderNames names = new OrderNames();
      OrderPlacement placement =
          new OrderPlacement(names, engine, config.orders().approvalThreshold(), clock);
      PoolChanges changes =
          new PoolChanges(jdbi, catalog, names, placement, lifecycle, config.pools());

      List<HttpService> services = new ArrayList<>(identity.httpServices());
      services.add(new HealthApi(database));
      services.add(new FlavorApi(accessControl, catalog));
      services.add(
          new PoolApi(
              accessControl,
              new PoolService(jdbi, catalog, names, placement, config.pools()),
              changes));
      services.add(new NodeApi(accessControl, new NodeService(jdbi), changes));
      services.addAll(
          Orders.httpServices(jdbi, accessControl, config.orders(), lifecycle, engine, clock));
      services.add(new PoolStatisticsApi(accessControl, new PoolStatistics(jdbi, clock)));
      engine.start();
      WebServer server = ApiServer.start(config.host(), config.port(), services);
      if (!server.isRunning()) {
        // Helidon logs a failed bind and returns a stopped server instead of throwing.
        throw new InvalidConfigException(
            "cannot listen on " + config.host() + ":" + config.port() + " (is the port in use?)");
      }
      return new Application(database, engine, server);
    } catch (RuntimeException e) {
      if (engine != null) {
        engine.close();
      }
      database.close();
      throw e;
    }
  }

  /** The webhook provider when one is configured, else the simulated one. */
  private static Provider provider(Config config, Jdbi jdbi, FlavorCatalog catalog, Clock clock) {
    if (config.webhook().isPresent()) {
      return new WebhookProvider(config.webhook().get(), clock);
    }
    return Engine.simulated(jdbi, catalog, config.engine(), clock);
  }

  /** The housekeeping of orders: expiring pending ones and purging old ones. */
  private static List<RecurringJob> recurringJobs(
      Jdbi jdbi, PoolLifecycle pools, OrderConfig orders, Clock clock) {
    return List.of(
        new RecurringJob(
            "expire-pending-orders",
            orders.sweepInterval(),
            Orders.expiry(jdbi, pools, orders, clock)),
        new RecurringJob(
            "purge-old-orders",
            orders.sweepInterval(),
            Orders.retention(jdbi, pools, orders, clock)));
  }

  /** The database, for tests that inspect or prepare state below the API. */
  public Database database() {
    return database;
  }

  /** The port the server listens on; useful when started with port 0. */
  public int port() {
    return server.port();
  }

  /** Stops taking requests, lets running order steps finish, then closes the database. */
  @Override
  public void close() {
    server.stop();
    engine.close();
    database.close();
  }
}
