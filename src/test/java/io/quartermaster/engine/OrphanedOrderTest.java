package io.quartermaster.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quartermaster.testing.PoolDriver;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * A processing order whose job has gone (a restored backup, a hand-edited database) is found by the
 * engine's sweep and carried out, rather than blocking its pool for good.
 */
class OrphanedOrderTest {

  private final Tenant tenant = TestServer.get().newTenant();
  private final PoolDriver pools = new PoolDriver(tenant);

  @Test
  void aProcessingOrderWithoutAJobIsResumed() {
    String display = Pools.uniqueName();
    pools.create(Pools.yearly(Pools.body(display, Pools.CPU, 2)));
    TestServer.get()
        .jdbi()
        .useHandle(
            h ->
                h.createUpdate(
                        """
                        update orders set phase = 'processing', awaiting_payment = false
                        where project_id = :p and resource_display_name = :d
                        """)
                    .bind("p", tenant.projectId())
                    .bind("d", display)
                    .execute());

    TestServer.get()
        .jdbi()
        .useHandle(
            h ->
                h.createUpdate(
                        "update scheduled_tasks set execution_time = now() where task_name = :n")
                    .bind("n", OrderEngine.ORPHAN_SWEEP)
                    .execute());

    assertEquals("successed", pools.awaitLatestOrderFinished(display).get("phase").asText());
    assertEquals(2, pools.nodeCount(display));
  }
}
