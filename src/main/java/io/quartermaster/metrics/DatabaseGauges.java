package io.quartermaster.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Gauges of the state that lives in the database, read when Prometheus scrapes rather than kept up
 * to date by the request path: orders per phase and operation, the age of the oldest order in
 * processing, and the engine's queue in db-scheduler's table. One scrape reads them all with three
 * small queries (Micrometer asks each gauge on its own, so their answers are kept for a second).
 * Every instance of a shared database reports the same values; aggregate them with {@code max}. The
 * gauges hold this object strongly: Micrometer's default weak reference would let it be collected,
 * and the gauges would read NaN.
 */
public final class DatabaseGauges {

  private static final System.Logger LOG = System.getLogger(DatabaseGauges.class.getName());

  /** How long one reading serves the gauges: long enough to cover one scrape. */
  static final Duration FRESH_FOR = Duration.ofSeconds(1);

  /** How long the counts of finished orders serve, which take a scan of the orders to read. */
  static final Duration FINISHED_FRESH_FOR = Duration.ofMinutes(1);

  static final List<String> PHASES = List.of("pending", "processing", "successed", "failed");
  static final List<String> OPERATIONS = List.of("apply", "modify", "delete");

  private final Jdbi jdbi;
  private final Clock clock;
  private final DatabaseGaugeQueries queries = new DatabaseGaugeQueries();
  private Reading reading;
  private long readAtNanos;
  private DatabaseGaugeQueries.OrderCounts finished;
  private long finishedAtNanos;

  private DatabaseGauges(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** Registers the gauges with {@code metrics}; {@code clock} is the one orders are stamped by. */
  public static void register(Metrics metrics, Jdbi jdbi, Clock clock) {
    MeterRegistry registry = metrics.registry();
    DatabaseGauges gauges = new DatabaseGauges(jdbi, clock);
    for (String phase : PHASES) {
      for (String operation : OPERATIONS) {
        Gauge.builder("qm.orders", gauges, g -> g.current().orders(phase, operation))
            .description("Retained orders, by phase and operation")
            .strongReference(true)
            .tag("phase", phase)
            .tag("operation", operation)
            .register(registry);
      }
    }
    Gauge.builder("qm.orders.oldest.processing", gauges, g -> g.current().oldestProcessing())
        .description("Age of the oldest order in processing (0 when there is none)")
        .strongReference(true)
        .baseUnit("seconds")
        .register(registry);
    Gauge.builder("qm.engine.queue.depth", gauges, g -> g.current().waitingJobs())
        .description("Order jobs due and waiting for a worker of any instance")
        .strongReference(true)
        .register(registry);
    Gauge.builder("qm.engine.running", gauges, g -> g.current().runningJobs())
        .description("Order jobs being carried out by some instance")
        .strongReference(true)
        .register(registry);
    Gauge.builder("qm.engine.oldest.waiting", gauges, g -> g.current().oldestWaiting())
        .description("How long the longest-waiting due order job has waited (0 when none)")
        .strongReference(true)
        .baseUnit("seconds")
        .register(registry);
  }

  private synchronized Reading current() {
    long now = System.nanoTime();
    if (reading == null || now - readAtNanos > FRESH_FOR.toNanos()) {
      reading = read();
      readAtNanos = now;
    }
    return reading;
  }

  private Reading read() {
    try {
      return jdbi.withHandle(
          h ->
              new Reading(
                  queries.unfinishedOrders(h),
                  finished(h),
                  queries.oldestProcessing(h, clock.instant()),
                  queries.engineQueue(h, Instant.now())));
    } catch (RuntimeException e) {
      finished = null;
      // A scrape must not fail because the database does not answer: the gauges go blank (NaN)
      // and /health says what is wrong.
      LOG.log(Level.WARNING, "metrics: cannot read the database: " + e.getMessage());
      return Reading.UNKNOWN;
    }
  }

  private DatabaseGaugeQueries.OrderCounts finished(org.jdbi.v3.core.Handle h) {
    long now = System.nanoTime();
    if (finished == null || now - finishedAtNanos > FINISHED_FRESH_FOR.toNanos()) {
      finished = queries.finishedOrders(h);
      finishedAtNanos = now;
    }
    return finished;
  }

  /** One reading of every gauge. */
  record Reading(
      DatabaseGaugeQueries.OrderCounts unfinished,
      DatabaseGaugeQueries.OrderCounts finished,
      double oldestProcessing,
      DatabaseGaugeQueries.Queue queue) {

    static final Reading UNKNOWN =
        new Reading(
            DatabaseGaugeQueries.OrderCounts.UNKNOWN,
            DatabaseGaugeQueries.OrderCounts.UNKNOWN,
            Double.NaN,
            new DatabaseGaugeQueries.Queue(Double.NaN, Double.NaN, Double.NaN));

    double orders(String phase, String operation) {
      boolean done = phase.equals("successed") || phase.equals("failed");
      return (done ? finished : unfinished).count(phase, operation);
    }

    double waitingJobs() {
      return queue.waiting();
    }

    double runningJobs() {
      return queue.running();
    }

    double oldestWaiting() {
      return queue.oldestWaitingSeconds();
    }
  }
}
