package io.quartermaster.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.testing.PoolDriver;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The engine's queue as the gauges read it. The jobs are written in a transaction that is rolled
 * back, so the running engine never sees them.
 */
class DatabaseGaugeQueriesTest {

  private final DatabaseGaugeQueries queries = new DatabaseGaugeQueries();

  @Test
  void dueUnpickedOrderJobsAreTheQueueAndTheOldestOneSaysHowLongItWaited() {
    Instant now = Instant.now();
    TestServer.get()
        .jdbi()
        .useTransaction(
            h -> {
              DatabaseGaugeQueries.Queue before = queries.engineQueue(h, now);
              job(h, "gauge-a", now.minusSeconds(90), false);
              job(h, "gauge-b", now.minusSeconds(30), false);
              job(h, "gauge-c", now.plusSeconds(600), false);
              job(h, "gauge-d", now.minusSeconds(5), true);
              DatabaseGaugeQueries.Queue queue = queries.engineQueue(h, now);
              assertEquals(before.waiting() + 2, queue.waiting(), "due and not picked");
              assertEquals(before.running() + 1, queue.running());
              assertEquals(90.0, queue.oldestWaitingSeconds(), 1.0);
              h.rollback();
            });
  }

  @Test
  void finishedOrdersAreCountedByPhaseAndOperation() {
    Tenant tenant = TestServer.get().newTenant();
    String display = "gauge-" + Long.toString(System.nanoTime(), 36).substring(0, 6);
    double before = finished("successed", "apply");
    new PoolDriver(tenant).createRunning(display, Pools.CPU, 1);
    new PoolDriver(tenant).awaitLatestOrderFinished(display);
    // At least: orders of earlier tests may finish meanwhile on the shared server.
    assertTrue(finished("successed", "apply") >= before + 1);
  }

  private double finished(String phase, String operation) {
    return TestServer.get()
        .jdbi()
        .withHandle(h -> queries.finishedOrders(h).count(phase, operation));
  }

  private static void job(org.jdbi.v3.core.Handle h, String id, Instant due, boolean picked) {
    h.createUpdate(
            """
            insert into scheduled_tasks (task_name, task_instance, execution_time, picked, version)
            values (:task, :id, :due, :picked, 1)
            """)
        .bind("task", DatabaseGaugeQueries.ORDER_TASK)
        .bind("id", id)
        .bind("due", OffsetDateTime.ofInstant(due, ZoneOffset.UTC))
        .bind("picked", picked)
        .execute();
  }
}
