package io.quartermaster.notify;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.jdbc.PostgreSqlJdbcCustomization;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.quartermaster.engine.TransactionDataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;

/**
 * One durable db-scheduler job per subscription, in a table of their own ({@code
 * notification_tasks}): db-scheduler runs a job on one instance at a time and hands it to another
 * when that instance stops sending heartbeats, so each subscription has one sender. A job that ran
 * reschedules itself for when its subscription next has something to do; it ends once the
 * subscription is gone.
 */
final class DeliveryJobs implements AutoCloseable {

  static final String TABLE = "notification_tasks";
  static final String TASK_NAME = "deliver-notifications";

  /** A run that failed (the database was unreachable, say) is tried again after this. */
  static final Duration RUN_FAILURE_PAUSE = Duration.ofSeconds(5);

  private static final PostgreSqlJdbcCustomization POSTGRESQL =
      new PostgreSqlJdbcCustomization(false, false);

  private final CustomTask<Void> task;
  private final Scheduler scheduler;

  DeliveryJobs(
      DataSource dataSource,
      DeliveryRunner runner,
      NotifyConfig config,
      Duration heartbeatInterval,
      int missedHeartbeats) {
    this.task =
        Tasks.custom(TASK_NAME, Void.class)
            .onFailure(new FailureHandler.OnFailureRetryLater<>(RUN_FAILURE_PAUSE))
            .execute(
                (instance, context) -> {
                  Optional<Instant> next = runner.run(instance.getId());
                  return next.<CompletionHandler<Void>>map(
                          at -> (complete, operations) -> operations.reschedule(complete, at))
                      .orElseGet(CompletionHandler.OnCompleteRemove::new);
                });
    this.scheduler =
        Scheduler.create(dataSource, task)
            .tableName(TABLE)
            .threads(config.workers())
            .pollingInterval(config.pollInterval())
            .heartbeatInterval(heartbeatInterval)
            .missedHeartbeatsLimit(missedHeartbeats)
            .shutdownMaxWait(Duration.ofSeconds(5))
            .schedulerName(
                new SchedulerName.Fixed(
                    new SchedulerName.Hostname().getName()
                        + "-"
                        + ProcessHandle.current().pid()
                        + "-"
                        + UUID.randomUUID().toString().substring(0, 8)))
            .jdbcCustomization(POSTGRESQL)
            .build();
  }

  void start() {
    scheduler.start();
  }

  /** Schedules the subscription's job in {@code transaction}, due at once when it commits. */
  void schedule(Handle transaction, String subscriptionId) {
    SchedulerClient client =
        SchedulerClient.Builder.create(new TransactionDataSource(transaction.getConnection()), task)
            .tableName(TABLE)
            .jdbcCustomization(POSTGRESQL)
            .build();
    client.scheduleIfNotExists(task.instance(subscriptionId), Instant.now());
    transaction.afterCommit(scheduler::triggerCheckForDueExecutions);
  }

  @Override
  public void close() {
    scheduler.stop();
  }
}
