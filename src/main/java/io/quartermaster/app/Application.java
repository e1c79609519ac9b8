package io.quartermaster.app;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.HttpService;
import io.quartermaster.console.ConsoleApi;
import io.quartermaster.db.Database;
import io.quartermaster.engine.Engine;
import io.quartermaster.engine.OrderEngine;
import io.quartermaster.engine.Provider;
import io.quartermaster.engine.RecurringJob;
import io.quartermaster.engine.webhook.WebhookProvider;
import io.quartermaster.error.InvalidConfigException;
import io.quartermaster.event.Events;
import io.quartermaster.flavor.FlavorApi;
import io.quartermaster.flavor.FlavorCatalog;
import io.quartermaster.http.ApiServer;
import io.quartermaster.http.SlowClientGuard;
import io.quartermaster.idempotency.IdempotentRequests;
import io.quartermaster.identity.AccessControl;
import io.quartermaster.identity.Identity;
import io.quartermaster.identity.ServerKey;
import io.quartermaster.limit.RateLimits;
import io.quartermaster.metrics.DatabaseGauges;
import io.quartermaster.metrics.Metrics;
import io.quartermaster.metrics.MetricsConfig;
import io.quartermaster.metrics.MetricsService;
import io.quartermaster.metrics.RequestMetrics;
import io.quartermaster.notify.Notifications;
import io.quartermaster.openapi.OpenApiDocument;
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
import java.util.Optional;
import java.util.OptionalInt;
import org.jdbi.v3.core.Jdbi;

/**
 * The composition root: builds every part from the configuration with plain constructors, starts
 * them in dependency order and stops them in reverse.
 */
public final class Application implements AutoCloseable {

  /** The name of the listener that serves {@code /metrics} when it has a port of its own. */
  static final String METRICS_SOCKET = "metrics";

  private final Database database;
  private final OrderEngine engine;
  private final Events events;
  private final Notifications notifications;
  private final WebServer server;
  private final SlowClientGuard guard;
  private final RateLimits rateLimits;
  private final Metrics metrics;
  private final MetricsConfig metricsConfig;

  private Application(
      Database database,
      OrderEngine engine,
      Events events,
      Notifications notifications,
      WebServer server,
      SlowClientGuard guard,
      RateLimits rateLimits,
      Metrics metrics,
      MetricsConfig metricsConfig) {
    this.database = database;
    this.engine = engine;
    this.events = events;
    this.notifications = notifications;
    this.server = server;
    this.guard = guard;
    this.rateLimits = rateLimits;
    this.metrics = metrics;
    this.metricsConfig = metricsConfig;
  }

  public static Application start(Config config, Clock clock) {
    FlavorCatalog catalog = FlavorCatalog.load(config.pools().flavorCatalog());
    Database database = Database.start(config.database());
    Metrics metrics = Metrics.create(config.metrics());
    OrderEngine engine = null;
    Events events = null;
    Notifications notifications = null;
    SlowClientGuard guard = null;
    try {
      metrics.bindConnectionPool(database.dataSource());
      DatabaseGauges.register(metrics, database.jdbi(), clock);
      Optional<ServerKey> serverKey = ServerKey.resolve(config.identity(), config.database());
      Identity identity = Identity.start(database.jdbi(), config.identity(), serverKey, clock);
      RateLimits rateLimits = new RateLimits(config.limits().rates(), clock);
      AccessControl accessControl =
          config.limits().rates().enabled()
              ? rateLimits.around(identity.accessControl())
              : identity.accessControl();
      Jdbi jdbi = database.jdbi();
      // Every effect of an order on its pool, for the orders, the engine and the pools alike.
      PoolLifecycle lifecycle = new PoolLifecycle();
      IdempotentRequests idempotency = new IdempotentRequests(jdbi, config.idempotency(), clock);
      engine =
          Engine.create(
              database.dataSource(),
              jdbi,
              new OrderProgress(jdbi, lifecycle, clock),
              provider(config, jdbi, catalog, clock),
              config.engine(),
              recurringJobs(jdbi, lifecycle, config.orders(), idempotency, clock),
              metrics.registry(),
              database.availability());
      OrderNames names = new OrderNames();
      OrderPlacement placement =
          new OrderPlacement(names, engine, config.orders().approvalThreshold(), clock);
      PoolChanges changes =
          new PoolChanges(jdbi, catalog, names, placement, lifecycle, config.pools());

      events = Events.start(database, config.events(), metrics.eventStreams());
      notifications =
          Notifications.create(
              database.dataSource(),
              jdbi,
              config.notifications(),
              serverKey,
              config.engine().heartbeatInterval(),
              config.engine().missedHeartbeats(),
              metrics.webhookDeliveries(),
              clock);

      List<HttpService> services = new ArrayList<>(identity.httpServices());
      services.add(new HealthApi(database));
      services.add(OpenApiDocument.load());
      services.add(new ConsoleApi());
      services.add(new FlavorApi(accessControl, catalog));
      services.add(
          new PoolApi(
              accessControl,
              new PoolService(jdbi, catalog, names, placement, config.pools()),
              changes,
              idempotency));
      services.add(new NodeApi(accessControl, new NodeService(jdbi), changes, idempotency));
      services.add(events.api(accessControl));
      services.add(notifications.api(accessControl));
      services.addAll(
          Orders.httpServices(jdbi, accessControl, config.orders(), lifecycle, engine, clock));
      services.add(new PoolStatisticsApi(accessControl, new PoolStatistics(jdbi, clock)));
      List<ApiServer.Socket> sockets = new ArrayList<>();
      List<Filter> filters = new ArrayList<>();
      if (metrics.enabled()) {
        // First, so that requests refused by the rate limits are counted too.
        filters.add(new RequestMetrics(metrics));
        MetricsService scrape = new MetricsService(metrics);
        if (config.metrics().port().isPresent()) {
          int port = config.metrics().port().getAsInt();
          sockets.add(new ApiServer.Socket(METRICS_SOCKET, port, List.of(scrape)));
        } else {
          services.add(scrape);
        }
      }
      if (config.limits().rates().enabled()) {
        filters.add(rateLimits.addressFilter());
      }
      engine.start();
      notifications.start();
      guard = new SlowClientGuard(config.limits().readTimeouts());
      WebServer server =
          ApiServer.start(config.host(), config.port(), filters, services, sockets, guard);
      if (!server.isRunning()) {
        // Helidon logs a failed bind and returns a stopped server instead of throwing.
        throw new InvalidConfigException(
            "cannot listen on "
                + config.host()
                + ":"
                + config.port()
                + config.metrics().port().stream()
                    .mapToObj(p -> " and " + p + " (QM_METRICS_PORT)")
                    .findFirst()
                    .orElse("")
                + " (is the port in use?)");
      }
      return new Application(
          database,
          engine,
          events,
          notifications,
          server,
          guard,
          rateLimits,
          metrics,
          config.metrics());
    } catch (RuntimeException e) {
      if (guard != null) {
        guard.close();
      }
      if (notifications != null) {
        notifications.close();
      }
      if (events != null) {
        events.close();
      }
      if (engine != null) {
        engine.close();
      }
      database.close();
      metrics.close();
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

  /**
   * The housekeeping: expiring pending orders, purging old ones, and purging idempotency keys past
   * their time to live.
   */
  private static List<RecurringJob> recurringJobs(
      Jdbi jdbi,
      PoolLifecycle pools,
      OrderConfig orders,
      IdempotentRequests idempotency,
      Clock clock) {
    return List.of(
        new RecurringJob(
            "expire-pending-orders",
            orders.sweepInterval(),
            Orders.expiry(jdbi, pools, orders, clock)),
        new RecurringJob(
            "purge-old-orders",
            orders.sweepInterval(),
            Orders.retention(jdbi, pools, orders, clock)),
        new RecurringJob(
            "fold-order-day-counts", orders.sweepInterval(), Orders.dayCountFolding(jdbi, orders)),
        new RecurringJob(
            "purge-expired-idempotency-keys",
            orders.sweepInterval(),
            () -> idempotency.purgeExpired(orders.sweepBatchSize())));
  }

  /** The database, for tests that inspect or prepare state below the API. */
  public Database database() {
    return database;
  }

  /** The port the server listens on; useful when started with port 0. */
  public int port() {
    return server.port();
  }

  /**
   * The port {@code /metrics} is served on: the API's, or its own with {@code QM_METRICS_PORT};
   * empty with {@code QM_METRICS=off}.
   */
  public OptionalInt metricsPort() {
    if (!metrics.enabled()) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(
        metricsConfig.port().isPresent() ? server.port(METRICS_SOCKET) : server.port());
  }

  /** How many event streams are open on this instance. */
  public int openEventStreams() {
    return events.openStreams();
  }

  /** How many callers and client addresses have a rate limit bucket in memory now. */
  public long rateLimitBuckets() {
    return rateLimits.trackedBuckets();
  }

  /**
   * Ends the open event streams, stops taking requests, gives notifications under way a moment to
   * end, lets running order steps finish, then closes the database.
   */
  @Override
  public void close() {
    events.close();
    server.stop();
    notifications.close();
    guard.close();
    engine.close();
    database.close();
    metrics.close();
  }
}
