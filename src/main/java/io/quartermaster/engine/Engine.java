package io.quartermaster.engine;

import io.micrometer.core.instrument.MeterRegistry;
import io.quartermaster.db.DatabaseAvailability;
import io.quartermaster.error.InvalidConfigException;
import io.quartermaster.flavor.FlavorCatalog;
import io.quartermaster.order.OrderProgress;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * Builds the order engine around a provider and the recurring jobs. The composition root chooses
 * the provider: the simulated one from here, or one that plugs in from outside (the webhook), so
 * that the engine never depends on a provider of its own.
 */
public final class Engine {

  private Engine() {}

  public static OrderEngine create(
      DataSource dataSource,
      Jdbi jdbi,
      OrderProgress progress,
      Provider provider,
      EngineConfig config,
      List<RecurringJob> jobs,
      MeterRegistry meters,
      DatabaseAvailability availability) {
    EngineMeters engineMeters = new EngineMeters(meters, provider.name());
    Provider timed = engineMeters.timed(provider);
    ItemSlots slots = new ItemSlots(config.itemParallelism(), config.maxConcurrentItems());
    return new OrderEngine(
        dataSource,
        jdbi,
        new OrderRunner(progress, timed, engineMeters, slots),
        timed,
        slots,
        config,
        List.copyOf(jobs),
        availability);
  }

  /** The simulated provider, with the faults the configuration injects. */
  public static Provider simulated(
      Jdbi jdbi, FlavorCatalog catalog, EngineConfig config, Clock clock) {
    return new SimulatedProvider(jdbi, catalog, faultPlan(catalog, config), clock);
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
