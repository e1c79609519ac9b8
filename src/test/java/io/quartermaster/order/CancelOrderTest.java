package io.quartermaster.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.order.OrderWorld.Placed;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.TestServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * {@code POST .../cancel} (CONTRACT §5). A withdrawn {@code apply} leaves its pool {@code
 * CreationFailed}; a withdrawn {@code modify} changed nothing, so its pool is back to {@code
 * Running} with no message.
 */
class CancelOrderTest {

  private final OrderWorld world = new OrderWorld();

  @Test
  void cancellingAPendingApplyFailsItAndThePool() {
    Placed order = world.create(Pools.CPU, 1, true);

    HttpResult cancelled = world.act(world.tenant.member(), order, "cancel");

    assertEquals(200, cancelled.status(), cancelled::toString);
    String reason = "Cancelled by " + world.tenant.memberName() + ".";
    assertEquals("failed", cancelled.body().get("phase").asText());
    assertEquals(reason, cancelled.body().get("failReason").asText());
    assertEquals(0, cancelled.body().get("beginTimestamp").asLong());
    JsonNode pool = world.pool(order);
    assertEquals("CreationFailed", pool.at("/status/phase").asText());
    assertEquals(reason, pool.at("/status/message").asText());
    assertEquals(0, world.jobs(order));
    assertEquals(
        List.of("order.placed", "order.cancelled", "order.failed"), world.eventKinds(order));
  }

  @Test
  void anOrderAwaitingApprovalCanBeCancelledByItsProjectAndTheAdminNamesHimself() {
    Placed order = world.create("modelarts.vm.cpu.2u.d", TestServer.APPROVAL_THRESHOLD + 1, false);

    HttpResult cancelled = world.act(world.tenant.admin(), order, "cancel");

    assertEquals(200, cancelled.status(), cancelled::toString);
    assertEquals("Cancelled by admin.", cancelled.body().get("failReason").asText());
  }

  @Test
  void cancellingAPendingScaleOutLeavesThePoolAsItWas() {
    Placed modify = world.pendingScaleOut(2);

    HttpResult cancelled = world.act(world.tenant.member(), modify, "cancel");

    assertEquals(200, cancelled.status(), cancelled::toString);
    assertEquals("failed", cancelled.body().get("phase").asText());
    JsonNode pool = world.pool(modify);
    assertEquals("Running", pool.at("/status/phase").asText());
    assertFalse(pool.at("/status").has("message"), pool::toString);
    assertEquals(1, pool.at("/status/resources/available/0/count").asInt());
    assertEquals(0, world.jobs(modify));
  }

  @Test
  void aPoolWhoseOrderWasCancelledTakesANewOrder() {
    Placed apply = world.create(Pools.CPU, 1, false);
    world.awaitOrder(apply, "successed");
    world
        .tenant
        .member()
        .patch(
            world.poolsPath() + "/" + apply.poolName(),
            Map.of(
                "spec",
                Map.of(
                    "resources",
                    List.of(Pools.resource(Pools.CPU, 2 + TestServer.APPROVAL_THRESHOLD)))));
    Placed big = world.latestOrder(apply.display());
    assertEquals(200, world.act(world.tenant.member(), big, "cancel").status());

    HttpResult smaller =
        world
            .tenant
            .member()
            .patch(
                world.poolsPath() + "/" + apply.poolName(),
                Map.of("spec", Map.of("resources", List.of(Pools.resource(Pools.CPU, 2)))));

    assertEquals(200, smaller.status(), smaller::toString);
    Placed next = world.latestOrder(apply.display());
    assertEquals("successed", world.awaitOrder(next, "successed").phase());
  }

  @Test
  void aPaymentAndACancellationRacingForOneOrderSettleItOnce() throws Exception {
    for (int round = 0; round < 5; round++) {
      Placed order = world.create(Pools.CPU, 1, true);
      CountDownLatch start = new CountDownLatch(1);
      try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
        Future<HttpResult> pay =
            threads.submit(
                () -> {
                  start.await();
                  return world.act(world.tenant.member(), order, "pay");
                });
        Future<HttpResult> cancel =
            threads.submit(
                () -> {
                  start.await();
                  return world.act(world.tenant.member(), order, "cancel");
                });
        start.countDown();
        HttpResult paid = pay.get();
        HttpResult cancelled = cancel.get();

        List<String> kinds = world.eventKinds(order);
        if (paid.status() == 200) {
          // Paid first: the order is processing or done, and cannot be cancelled any more.
          assertEquals(409, cancelled.status(), cancelled::toString);
          assertEquals(List.of("order.placed", "order.paid"), kinds.subList(0, 2));
          assertFalse(kinds.contains("order.cancelled"), kinds::toString);
        } else {
          // Cancelled first: the order failed before it was paid.
          assertEquals(409, paid.status(), paid::toString);
          assertEquals(200, cancelled.status(), cancelled::toString);
          assertEquals(List.of("order.placed", "order.cancelled", "order.failed"), kinds);
          assertEquals(0, world.jobs(order));
        }
      }
    }
  }
}
