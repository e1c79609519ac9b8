package io.quartermaster.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.order.OrderWorld.Placed;
import io.quartermaster.pool.PoolLifecycle;
import io.quartermaster.pool.PoolRow;
import io.quartermaster.testing.Eventually;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Pending orders fail once they waited longer than {@code QM_PENDING_ORDER_TIMEOUT} (7 days here),
 * through the recurring {@code expire-pending-orders} job. The tests move the service's clock and
 * put it back after; nothing in them calls the API while the clock is ahead, since tokens expire by
 * the same clock.
 */
class OrderExpiryTest {

  private static final String SMALL_CPU = "modelarts.vm.cpu.2u.d";
  private static final Duration TIMEOUT = Duration.ofDays(7);

  private final TestServer server = TestServer.get();

  @AfterEach
  void putTheClockBack() {
    server.clock().reset();
  }

  private OrderExpiry expiry(int batchSize) {
    return new OrderExpiry(server.jdbi(), new PoolLifecycle(), TIMEOUT, batchSize, server.clock());
  }

  /** Makes the recurring job due now; the scheduler's next poll runs it. */
  private void triggerJob(String name) {
    int due =
        server
            .jdbi()
            .withHandle(
                h ->
                    h.createUpdate(
                            "update scheduled_tasks set execution_time = now() where task_name = :n")
                        .bind("n", name)
                        .execute());
    assertEquals(1, due, "the recurring job " + name + " is registered");
  }

  @Test
  void theRecurringJobFailsOverdueOrdersSayingWhatNeverCame() {
    OrderWorld world = new OrderWorld();
    OrderWorld second = new OrderWorld();
    Placed unpaid = world.create(Pools.CPU, 1, true);
    Placed unapproved = world.create(SMALL_CPU, TestServer.APPROVAL_THRESHOLD + 1, false);
    Placed neither = second.create(SMALL_CPU, TestServer.APPROVAL_THRESHOLD + 1, true);

    server.clock().advance(TIMEOUT.plusMinutes(1));
    triggerJob("expire-pending-orders");
    Eventually.until(
        () ->
            List.of(
                world.state(unpaid).phase(),
                world.state(unapproved).phase(),
                second.state(neither).phase()),
        phases -> phases.equals(List.of("failed", "failed", "failed")));
    server.clock().reset();

    assertEquals("Not paid within 7 days.", world.state(unpaid).failReason());
    assertEquals("Not approved within 7 days.", world.state(unapproved).failReason());
    assertEquals("Not paid and not approved within 7 days.", second.state(neither).failReason());
    JsonNode pool = world.pool(unpaid);
    assertEquals("CreationFailed", pool.at("/status/phase").asText());
    assertEquals("Not paid within 7 days.", pool.at("/status/message").asText());
    assertEquals(
        List.of("order.placed", "order.expired", "order.failed"), world.eventKinds(unpaid));
    assertEquals(0, world.jobs(unpaid));
  }

  @Test
  void anOrderWithinTheTimeoutStaysPending() {
    OrderWorld world = new OrderWorld();
    Placed order = world.create(Pools.CPU, 1, true);

    server.clock().advance(TIMEOUT.minusMinutes(1));
    expiry(100).expireDue();
    server.clock().reset();

    assertEquals("pending", world.state(order).phase());
    assertEquals("Waiting", world.poolPhase(order));
  }

  @Test
  void overdueOrdersAreFailedInBoundedBatches() {
    OrderFixtures fixtures = new OrderFixtures(server.jdbi());
    String projectId = OrderFixtures.randomProjectId();
    Instant placed = server.clock().instant().minus(TIMEOUT).minusSeconds(60);
    List<OrderFixtures.Inserted> orders = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      PoolRow pool = fixtures.pool(projectId, "pool-exp" + i, "0", placed);
      orders.add(fixtures.order(pool, placed.plusMillis(i)).phase("pending").insert());
    }
    OrderExpiry expiry = expiry(2);

    assertEquals(2, expiry.expireBatch());
    assertTrue(expiry.expireDue() >= 3);

    for (OrderFixtures.Inserted order : orders) {
      String reason =
          server
              .jdbi()
              .withHandle(
                  h ->
                      h.createQuery(
                              "select fail_reason from orders where id = :id and phase = 'failed'")
                          .bind("id", order.id())
                          .mapTo(String.class)
                          .one());
      assertEquals("Not paid within 7 days.", reason);
    }
    List<String> poolPhases =
        server
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery("select distinct phase from pools where project_id = :p")
                        .bind("p", projectId)
                        .mapTo(String.class)
                        .list());
    assertEquals(List.of("CreationFailed"), poolPhases);
  }

  @Test
  void theReasonRendersTheConfiguredTimeout() {
    OrderExpiry expiry =
        new OrderExpiry(
            server.jdbi(), new PoolLifecycle(), Duration.ofHours(36), 10, server.clock());
    assertEquals(
        "Not approved within 1 day 12 hours.", expiry.failReason(new Awaiting(false, true)));
    assertEquals("Not paid within 1 day 12 hours.", expiry.failReason(new Awaiting(true, false)));
  }
}
