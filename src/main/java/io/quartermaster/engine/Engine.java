package io.quartermaster.engine;

import io.micrometer.core.instrument.MeterRegistry;
import io.quartermaster.app.InvalidConfigException;
import io.quartermaster.engine.webhook.WebhookProvider;
import io.quartermaster.flavor.FlavorCatalog;
import io.quartermaster.order.OrderEventLog;
import io.quartermaster.order.OrderLifecycleDao;
import io.quartermaster.pool.NodeDao;
import io.quartermaster.pool.PoolDao;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/** Builds the order engine with the provider the configuration names and the recurring jobs. */
public final class Engine {

  private Engine() {}

  public static OrderEngine create(
      DataSource dataSource,
      Jdbi jdbi,
      FlavorCatalog catalog,
      EngineConfig config,
      List<RecurringJob> jobs,
      MeterRegistry meters,
      Clock clock) {
    EngineMeters engineMeters =
        new EngineMeters(meters, config.webhook().isPresent() ? "webhook" : "simulated");
    Provider provider = engineMeters.timed(provider(jdbi, catalog, config, clock));
    OrderRunner runner =
        new OrderRunner(
            jdbi,
            new OrderLifecycleDao(),
            new OrderEventLog(),
            new PoolDao(),
            new NodeDao(),
            provider,
            engineMeters,
            clock);
    return new OrderEngine(dataSource, jdbi, runner, provider, config, List.copyOf(jobs));
  }

  private static Provider provider(
      Jdbi jdbi, FlavorCatalog catalog, EngineConfig config, Clock clock) {
    if (config.webhook().isPresent()) {
      return new WebhookProvider(config.webhook().get(), clock);
    }
    return new SimulatedProvider(
        jdbi, new SimulatedCapacityDao(), catalog, faultPlan(catalog, config), clock);
  }

  /**
   * The simulated provider's faults, checked against the catalog: a misspelt flavor is an error.
   */
  static FaultPlan faultPlan(FlavorCatalog catalog, EngineConfig config) {
    SimulatedFaults faults = config.simulatedFaults();
    for (String flavor : faults.failureRates().keySet()) {
      if (catalog.find(flavor).isEmpty()) {
        throw new InvalidConfigException(
            "QM_SIMULATED_FAILURE_RATES names flavor "
                + flavor
                + ", which is not in the flavor catalog");
      }
    }
    return new FaultPlan(faults, config.simulatedNodeTime(), KeyedRandom.seeded(faults.seed()));
  }
}
