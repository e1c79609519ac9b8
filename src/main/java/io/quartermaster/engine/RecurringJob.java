package io.quartermaster.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * Housekeeping that runs on the engine's scheduler every {@code interval}, on one instance at a
 * time however many share the database. The work must be safe to run again after a crash midway.
 *
 * @param name the job's unique name in {@code scheduled_tasks}
 * @param interval the pause between the end of one run and the start of the next
 */
public record RecurringJob(String name, Duration interval, Runnable work) {

  public RecurringJob {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(work, "work");
    if (interval == null || interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("a recurring job needs a positive interval: " + name);
    }
  }
}
