package io.quartermaster.engine;

import io.quartermaster.flavor.FlavorCatalog;
import io.quartermaster.order.OrderEventLog;
import io.quartermaster.order.OrderLifecycleDao;
import io.quartermaster.pool.NodeDao;
import io.quartermaster.pool.PoolDao;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/** Builds the order engine with the simulated provider and the service's recurring jobs. */
public final class Engine {

  private Engine() {}

  public static OrderEngine create(
      DataSource dataSource,
      Jdbi jdbi,
      FlavorCatalog catalog,
      EngineConfig config,
      List<RecurringJob> jobs,
      Clock clock) {
    Provider provider =
        new SimulatedProvider(
            jdbi, new SimulatedCapacityDao(), catalog, config.simulatedNodeTime(), clock);
    OrderRunner runner =
        new OrderRunner(
            jdbi,
            new OrderLifecycleDao(),
            new OrderEventLog(),
            new PoolDao(),
            new NodeDao(),
            provider,
            clock);
    return new OrderEngine(dataSource, runner, config, List.copyOf(jobs));
  }
}
