package io.quartermaster.engine;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import io.quartermaster.db.DatabaseAvailability;
import io.quartermaster.db.DatabaseFailures;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;

/**
 * How an order's run that the database cut off is handled: not as one of the order's tries, which
 * are for a provider that could not answer, but as a pause. The worker waits for the database to
 * answer again before giving the run back, so that its job can be written as due again at once and
 * the order picks up from its first unsettled item; without this a twenty-second outage would use
 * up the retries of every order under way and fail them with a connection error.
 */
final class DatabaseOutageFailures implements FailureHandler<Void> {

  private static final System.Logger LOG = System.getLogger(DatabaseOutageFailures.class.getName());

  /** The longest a worker holds a run cut off by an outage before letting db-scheduler have it. */
  static final Duration LONGEST_WAIT = Duration.ofMinutes(10);

  private final DatabaseAvailability availability;
  private final FailureHandler<Void> otherwise;

  DatabaseOutageFailures(DatabaseAvailability availability, FailureHandler<Void> otherwise) {
    this.availability = availability;
    this.otherwise = otherwise;
  }

  /**
   * Called in the worker when a run threw: when the database is why, waits until it answers again
   * (so that the failure can be recorded), then throws the failure on.
   */
  RuntimeException waitOut(RuntimeException failure) {
    if (!DatabaseFailures.isUnavailable(failure)) {
      return failure;
    }
    availability.suspect();
    try {
      availability.awaitAvailable(LONGEST_WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return failure;
  }

  @Override
  public void onFailure(ExecutionComplete complete, ExecutionOperations<Void> operations) {
    Throwable cause = complete.getCause().orElse(null);
    if (cause == null || !DatabaseFailures.isUnavailable(cause)) {
      otherwise.onFailure(complete, operations);
      return;
    }
    String id = complete.getExecution().taskInstance.getId();
    LOG.log(Level.INFO, "order " + id + " was interrupted by a database outage; resuming it");
    // Recorded as a completed run, which sets the count of consecutive failures back to zero: the
    // provider did not fail, so the order keeps all its tries.
    Instant done = complete.getTimeDone();
    operations.reschedule(
        ExecutionComplete.success(
            complete.getExecution(), done.minus(complete.getDuration()), done),
        Instant.now());
  }
}
