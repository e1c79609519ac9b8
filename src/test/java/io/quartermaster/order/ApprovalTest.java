package io.quartermaster.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.order.OrderWorld.Placed;
import io.quartermaster.order.OrderWorld.State;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Orders above the approval threshold ({@link TestServer#APPROVAL_THRESHOLD} nodes in tests) and
 * {@code POST .../approve} and {@code .../reject} (CONTRACT §4, §5).
 */
class ApprovalTest {

  private static final String SMALL_CPU = "modelarts.vm.cpu.2u.d";
  private static final int ABOVE = TestServer.APPROVAL_THRESHOLD + 1;

  private final OrderWorld world = new OrderWorld();

  @Test
  void anOrderAtTheThresholdIsProcessedAtOnce() {
    Placed order = world.create(SMALL_CPU, TestServer.APPROVAL_THRESHOLD, false);

    assertFalse(world.state(order).awaitingApproval());
    assertEquals("successed", world.awaitOrder(order, "successed").phase());
  }

  @Test
  void anOrderAboveTheThresholdWaitsForApproval() {
    Placed order = world.create(SMALL_CPU, ABOVE, false);

    assertEquals(
        new State("pending", null, false, true, false, false, false, false), world.state(order));
    JsonNode pool = world.pool(order);
    assertEquals("Waiting", pool.at("/status/phase").asText());
    assertEquals(
        "Order " + order.orderName() + " is waiting for approval.",
        pool.at("/status/message").asText());
    assertEquals(0, world.jobs(order));
  }

  @Test
  void approvingStartsAnOrderThatAwaitsNothingElse() {
    Placed order = world.create(SMALL_CPU, ABOVE, false);

    HttpResult approved = world.act(world.tenant.admin(), order, "approve");

    assertEquals(200, approved.status(), approved::toString);
    assertEquals("processing", approved.body().get("phase").asText());
    assertTrue(world.state(order).approved());
    assertFalse(world.poolPhase(order).equals("Waiting"));
    assertEquals("successed", world.awaitOrder(order, "successed").phase());
    assertEquals(
        List.of("order.placed", "order.approved", "order.processing"),
        world.eventKinds(order).subList(0, 3));
  }

  @Test
  void approvingAnOrderThatAlsoAwaitsPaymentLeavesItWaitingForPayment() {
    Placed order = world.create(SMALL_CPU, ABOVE, true);

    HttpResult approved = world.act(world.tenant.admin(), order, "approve");

    assertEquals(200, approved.status(), approved::toString);
    assertEquals("pending", approved.body().get("phase").asText());
    State state = world.state(order);
    assertTrue(state.awaitingPayment() && state.approved() && !state.awaitingApproval());
    assertEquals(
        "Order " + order.orderName() + " is waiting for payment.",
        world.pool(order).at("/status/message").asText());
    assertEquals(0, world.jobs(order));
  }

  @Test
  void rejectingFailsTheOrderAndThePoolWithTheAdminsReason() {
    Placed order = world.create(SMALL_CPU, ABOVE, false);

    HttpResult rejected =
        world.reject(
            world.tenant.admin(), order, Map.of("reason", "  Too large for this quarter. "));

    assertEquals(200, rejected.status(), rejected::toString);
    String reason = "Rejected by admin: Too large for this quarter.";
    assertEquals("failed", rejected.body().get("phase").asText());
    assertEquals(reason, rejected.body().get("failReason").asText());
    assertEquals(0, rejected.body().get("beginTimestamp").asLong());
    assertTrue(rejected.body().get("endTimestamp").asLong() > 0);
    JsonNode pool = world.pool(order);
    assertEquals("CreationFailed", pool.at("/status/phase").asText());
    assertEquals(reason, pool.at("/status/message").asText());
    assertEquals(0, world.jobs(order));
    assertEquals(
        List.of("order.placed", "order.rejected", "order.failed"), world.eventKinds(order));
  }

  @Test
  void aRejectedScaleOutLeavesThePoolScalingFailedWithItsNodesServing() {
    Placed apply = world.create(SMALL_CPU, 1, false);
    world.awaitOrder(apply, "successed");
    HttpResult patched =
        world
            .tenant
            .member()
            .patch(
                world.poolsPath() + "/" + apply.poolName(),
                Map.of("spec", Map.of("resources", List.of(Pools.resource(SMALL_CPU, 1 + ABOVE)))));
    assertEquals(200, patched.status(), patched::toString);
    Placed modify = world.latestOrder(apply.display());
    assertTrue(world.state(modify).awaitingApproval());
    String longest = "r".repeat(OrderActionsApi.MAX_REASON_LENGTH);

    HttpResult rejected = world.reject(world.tenant.admin(), modify, Map.of("reason", longest));

    assertEquals(200, rejected.status(), rejected::toString);
    JsonNode pool = world.pool(modify);
    assertEquals("ScalingFailed", pool.at("/status/phase").asText());
    assertEquals("Rejected by admin: " + longest, pool.at("/status/message").asText());
    assertEquals(1, pool.at("/status/resources/available/0/count").asInt());
  }
}
