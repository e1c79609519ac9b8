package io.quartermaster.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.order.OrderWorld.Placed;
import io.quartermaster.order.OrderWorld.State;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.Pools;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/{project_id}/orders/{order_name}/pay} (CONTRACT §5). */
class PayOrderTest {

  private final OrderWorld world = new OrderWorld();

  @Test
  void aYearlyPoolWaitsForPaymentWithTheReasonRecorded() {
    Placed order = world.create(Pools.CPU, 2, true);

    assertEquals(
        new State("pending", null, true, false, false, false, false, false), world.state(order));
    JsonNode pool = world.pool(order);
    assertEquals("Waiting", pool.at("/status/phase").asText());
    assertEquals(
        "Order " + order.orderName() + " is waiting for payment.",
        pool.at("/status/message").asText());
    assertEquals(0, world.jobs(order));
  }

  @Test
  void payingStartsTheOrderAndThePoolIsCreated() {
    Placed order = world.create(Pools.CPU, 2, true);

    HttpResult paid = world.act(world.tenant.member(), order, "pay");

    assertEquals(200, paid.status(), paid::toString);
    assertEquals(order.orderName(), paid.body().get("orderName").asText());
    assertEquals("processing", paid.body().get("phase").asText());
    State state = world.state(order);
    assertFalse(state.awaitingPayment());
    assertTrue(state.paid());
    assertFalse(world.poolPhase(order).equals("Waiting"));
    JsonNode running = world.awaitPool(order, "Running");
    assertFalse(running.at("/status").has("message"), running::toString);
    assertEquals(2, running.at("/status/resources/available/0/count").asInt());
    assertEquals("successed", world.awaitOrder(order, "successed").phase());
    assertEquals(
        List.of("order.placed", "order.paid", "order.processing"),
        world.eventKinds(order).subList(0, 3));
  }

  @Test
  void theOrderIdNamesTheOrderToBePaidToo() {
    Placed order = world.create(Pools.CPU, 1, true);

    HttpResult paid =
        world.tenant.member().post(world.orderPath(order.orderId()) + "/pay", "{\"ignored\":true}");

    assertEquals(200, paid.status(), paid::toString);
    assertEquals(order.orderId(), paid.body().get("orderId").asText());
    assertTrue(world.state(order).paid());
  }

  @Test
  void payingAScaleOutOfAYearlyPoolKeepsThePoolServing() {
    Placed modify = world.pendingScaleOut(3);
    assertTrue(world.state(modify).awaitingPayment());

    HttpResult paid = world.act(world.tenant.member(), modify, "pay");

    assertEquals(200, paid.status(), paid::toString);
    assertEquals("modify", paid.body().get("operation").asText());
    assertEquals("processing", paid.body().get("phase").asText());
    world.awaitOrder(modify, "successed");
    JsonNode pool = world.awaitPool(modify, "Running");
    assertEquals(3, pool.at("/status/resources/available/0/count").asInt());
  }

  @Test
  void anOrderAwaitingPaymentAndApprovalStaysPendingUntilBothAreSettled() {
    Placed order = world.create("modelarts.vm.cpu.2u.d", 51, true);
    assertEquals(
        "Order " + order.orderName() + " is waiting for payment and approval.",
        world.pool(order).at("/status/message").asText());

    HttpResult paid = world.act(world.tenant.member(), order, "pay");

    assertEquals(200, paid.status(), paid::toString);
    assertEquals("pending", paid.body().get("phase").asText());
    JsonNode pool = world.pool(order);
    assertEquals("Waiting", pool.at("/status/phase").asText());
    assertEquals(
        "Order " + order.orderName() + " is waiting for approval.",
        pool.at("/status/message").asText());
    assertEquals(0, world.jobs(order));

    HttpResult approved = world.act(world.tenant.admin(), order, "approve");

    assertEquals(200, approved.status(), approved::toString);
    assertEquals("processing", approved.body().get("phase").asText());
    State state = world.state(order);
    assertTrue(state.paid() && state.approved(), state::toString);
    assertFalse(state.awaitingPayment() || state.awaitingApproval(), state::toString);
    assertEquals("successed", world.awaitOrder(order, "successed").phase());
    assertEquals(
        51, world.awaitPool(order, "Running").at("/status/resources/available/0/count").asInt());
  }
}
