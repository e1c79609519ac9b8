package io.quartermaster.engine;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.jdbc.PostgreSqlJdbcCustomization;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.quartermaster.db.DatabaseAvailability;
import io.quartermaster.order.OrderPhase;
import io.quartermaster.order.OrderScheduler;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Runs orders as durable db-scheduler jobs, one job per order. db-scheduler guarantees that one
 * instance at a time runs a job and hands a job over when its instance stops sending heartbeats;
 * {@link OrderRunner} makes running an order again safe. The same scheduler runs the service's
 * {@link RecurringJob}s.
 */
public final class OrderEngine implements OrderScheduler, AutoCloseable {

  private static final System.Logger LOG = System.getLogger(OrderEngine.class.getName());
  private static final String TASK_NAME = "run-order";

  /**
   * The service runs on PostgreSQL only; naming it spares db-scheduler a look at the connection's
   * metadata, which it would otherwise make for every order placed (each placement builds a client
   * on its transaction's connection).
   */
  private static final PostgreSqlJdbcCustomization POSTGRESQL =
      new PostgreSqlJdbcCustomization(false, false);

  private final OneTimeTask<Void> task;
  private final Scheduler scheduler;
  private final Provider provider;
  private final ItemSlots slots;
  private final DatabaseAvailability availability;
  private final DatabaseOutageFailures outages;

  /** How often an instance looks for processing orders that have lost their job. */
  static final Duration ORPHAN_SWEEP_INTERVAL = Duration.ofSeconds(30);

  static final String ORPHAN_SWEEP = "resume-orphaned-orders";

  OrderEngine(
      DataSource dataSource,
      Jdbi jdbi,
      OrderRunner runner,
      Provider provider,
      ItemSlots slots,
      EngineConfig config,
      List<RecurringJob> jobs,
      DatabaseAvailability availability) {
    this.provider = provider;
    this.slots = slots;
    this.availability = availability;
    this.outages =
        new DatabaseOutageFailures(
            availability,
            FailureHandler.<Void>maxRetries(config.maxRetries())
                .withBackoff(config.retryBackoff(), 2.0)
                .then(
                    (complete, execution) -> {
                      // Fail the order first, then drop its job: were the job dropped first,
                      // a crash in between would leave the order processing with nothing left
                      // to finish it. If failing it throws, the job stays and is tried again.
                      String id = complete.getExecution().taskInstance.getId();
                      Throwable cause = complete.getCause().orElse(null);
                      LOG.log(Level.ERROR, "order " + id + " gave up after retries", cause);
                      runner.giveUp(Long.parseLong(id), reason(cause));
                      execution.remove();
                    }));
    this.task =
        Tasks.oneTime(TASK_NAME)
            .onFailure(outages)
            .execute((instance, context) -> run(runner, instance.getId()));
    List<RecurringJob> all = new java.util.ArrayList<>(jobs);
    all.add(new RecurringJob(ORPHAN_SWEEP, ORPHAN_SWEEP_INTERVAL, () -> resumeOrphans(jdbi)));
    List<RecurringTask<Void>> recurring = all.stream().map(OrderEngine::recurringTask).toList();
    this.scheduler =
        Scheduler.create(dataSource, task)
            .startTasks(recurring)
            .threads(config.workers())
            .pollingInterval(config.pollInterval())
            .heartbeatInterval(config.heartbeatInterval())
            .missedHeartbeatsLimit(config.missedHeartbeats())
            .shutdownMaxWait(Duration.ofSeconds(5))
            .schedulerName(new SchedulerName.Fixed(instanceName()))
            .jdbcCustomization(POSTGRESQL)
            .build();
  }

  private static RecurringTask<Void> recurringTask(RecurringJob job) {
    // A run that throws is logged by db-scheduler and simply tried again at the next interval.
    return Tasks.recurring(job.name(), Schedules.fixedDelay(job.interval()))
        .execute((instance, context) -> job.work().run());
  }

  /**
   * A name no other instance has, even on the same host: db-scheduler records which instance picked
   * a job, and two instances under one name would be indistinguishable there.
   */
  private static String instanceName() {
    return new SchedulerName.Hostname().getName()
        + "-"
        + ProcessHandle.current().pid()
        + "-"
        + java.util.UUID.randomUUID().toString().substring(0, 8);
  }

  private void run(OrderRunner runner, String id) {
    try {
      runner.run(Long.parseLong(id));
    } catch (RuntimeException e) {
      throw outages.waitOut(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running order " + id, e);
    } catch (Exception e) {
      throw new IllegalStateException("order " + id + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * The cause as the order's user reads it: the message of a provider's exception rather than its
   * class name, which means nothing outside the service (the log keeps the whole exception).
   */
  private static String reason(Throwable cause) {
    if (cause == null) {
      return "unknown error";
    }
    return cause.getMessage() == null ? cause.toString() : cause.getMessage();
  }

  /**
   * Schedules again every processing order that has no job. Placing, paying and approving write the
   * job in the same transaction as the phase, and a job is removed only after its order has
   * finished, so this finds nothing unless the database was changed by hand or restored from a
   * backup taken between the two; it is the net under that.
   */
  void resumeOrphans(Jdbi jdbi) {
    jdbi.useTransaction(
        h -> {
          List<Long> orphans =
              h.createQuery(
                      """
                      select o.id from orders o
                      where o.phase = :processing
                        and not exists (select 1 from scheduled_tasks t
                          where t.task_name = :task and t.task_instance = o.id::text)
                      for update of o skip locked
                      """)
                  .bind("processing", OrderPhase.PROCESSING.wire())
                  .bind("task", TASK_NAME)
                  .mapTo(Long.class)
                  .list();
          for (long id : orphans) {
            LOG.log(Level.WARNING, "order " + id + " was processing without a job; resuming it");
            schedule(h, id);
          }
        });
  }

  /** Starts picking up orders, including those a crashed instance left half done. */
  public void start() {
    scheduler.start();
    availability.addListener(
        new DatabaseAvailability.Listener() {
          @Override
          public void unavailable() {
            // Polling a database that is down only fails; the runs under way wait on their own.
            scheduler.pause();
          }

          @Override
          public void available() {
            scheduler.resume();
            scheduler.triggerCheckForDueExecutions();
          }
        });
  }

  /**
   * Schedules the order's job in {@code transaction} and, once that commits, makes this instance
   * look for it at once: callers hand an order over without waking the engine themselves, and a
   * transaction that rolls back wakes nothing.
   */
  @Override
  public void schedule(Handle transaction, long orderId) {
    SchedulerClient client =
        SchedulerClient.Builder.create(new TransactionDataSource(transaction.getConnection()), task)
            .jdbcCustomization(POSTGRESQL)
            .build();
    // Due at once by db-scheduler's own (system) clock; the service's clock, which tests move,
    // only dates what users see.
    client.scheduleIfNotExists(task.instance(Long.toString(orderId)), Instant.now());
    transaction.afterCommit(scheduler::triggerCheckForDueExecutions);
  }

  @Override
  public void close() {
    scheduler.stop();
    slots.close();
    provider.close();
  }
}
