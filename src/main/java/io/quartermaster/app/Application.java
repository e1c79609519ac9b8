package io.quartermaster.app;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpService;
import io.quartermaster.console.ConsoleService;
import io.quartermaster.db.Database;
import io.quartermaster.engine.Engine;
import io.quartermaster.engine.OrderEngine;
import io.quartermaster.engine.RecurringJob;
import io.quartermaster.flavor.FlavorApi;
import io.quartermaster.flavor.FlavorCatalog;
import io.quartermaster.http.ApiServer;
import io.quartermaster.identity.AccessControl;
import io.quartermaster.identity.Identity;
import io.quartermaster.identity.ServerKey;
import io.quartermaster.order.OrderActions;
import io.quartermaster.order.OrderActionsApi;
import io.quartermaster.order.OrderApi;
import io.quartermaster.order.OrderConfig;
import io.quartermaster.order.OrderEventLog;
import io.quartermaster.order.OrderExpiry;
import io.quartermaster.order.OrderLifecycleDao;
import io.quartermaster.order.OrderNames;
import io.quartermaster.order.OrderPlacement;
import io.quartermaster.order.OrderPlanner;
import io.quartermaster.order.OrderQueryDao;
import io.quartermaster.order.OrderQueryService;
import io.quartermaster.order.OrderRetention;
import io.quartermaster.pool.NodeApi;
import io.quartermaster.pool.NodeDao;
import io.quartermaster.pool.NodeService;
import io.quartermaster.pool.PoolApi;
import io.quartermaster.pool.PoolChanges;
import io.quartermaster.pool.PoolDao;
import io.quartermaster.pool.PoolService;
import io.quartermaster.pool.PoolStatistics;
import io.quartermaster.pool.PoolStatisticsApi;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

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
      engine =
          Engine.create(
              database.dataSource(),
              database.jdbi(),
              catalog,
              config.engine(),
              recurringJobs(database, config.orders(), clock),
              clock);
      OrderNames names = new OrderNames();
      OrderPlanner planner = new OrderPlanner(catalog, names);
      OrderPlacement placement =
          new OrderPlacement(
              new OrderLifecycleDao(),
              new OrderEventLog(),
              names,
              engine,
              config.orders().approvalThreshold(),
              clock);
      PoolDao poolDao = new PoolDao();
      NodeDao nodeDao = new NodeDao();
      Runnable wakeEngine = engine::wakeUp;
      PoolService pools =
          new PoolService(
              database.jdbi(),
              poolDao,
              nodeDao,
              catalog,
              planner,
              placement,
              config.pools(),
              wakeEngine,
              clock);
      PoolChanges changes =
          new PoolChanges(
              database.jdbi(),
              poolDao,
              nodeDao,
              catalog,
              planner,
              placement,
              config.pools(),
              wakeEngine,
              clock);

      List<HttpService> services = new ArrayList<>(identity.httpServices());
      services.add(new HealthService(database));
      services.add(new ConsoleService());
      services.add(new FlavorApi(accessControl, catalog));
      services.add(new PoolApi(accessControl, pools, changes));
      services.add(
          new NodeApi(accessControl, new NodeService(database.jdbi(), poolDao, nodeDao), changes));
      services.add(
          new OrderApi(
              accessControl,
              new OrderQueryService(database.jdbi(), new OrderQueryDao(), config.orders(), clock)));
      services.add(
          new OrderActionsApi(
              accessControl,
              new OrderActions(
                  database.jdbi(),
                  new OrderEventLog(),
                  poolDao,
                  nodeDao,
                  engine,
                  wakeEngine,
                  clock)));
      services.add(
          new PoolStatisticsApi(
              accessControl, new PoolStatistics(database.jdbi(), poolDao, clock)));
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

  /** The housekeeping of orders: expiring pending ones and purging old ones. */
  private static List<RecurringJob> recurringJobs(
      Database database, OrderConfig orders, Clock clock) {
    OrderExpiry expiry =
        new OrderExpiry(
            database.jdbi(), new OrderEventLog(), new PoolDao(), new NodeDao(), orders, clock);
    OrderRetention retention =
        new OrderRetention(database.jdbi(), new OrderLifecycleDao(), new PoolDao(), orders, clock);
    return List.of(
        new RecurringJob("expire-pending-orders", orders.sweepInterval(), expiry::expireDue),
        new RecurringJob("purge-old-orders", orders.sweepInterval(), retention::purge));
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
