package io.quartermaster.order;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quartermaster.order.OrderWorld.Placed;
import io.quartermaster.order.OrderWorld.Snapshot;
import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.TestServer;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Every refusal of the order actions: its status, its error code and message, and that nothing
 * changed — the order, its pool, its engine job and the project's event log are as before.
 */
class OrderActionErrorsTest {

  private static final String SMALL_CPU = "modelarts.vm.cpu.2u.d";

  private final OrderWorld world = new OrderWorld();

  private void refused(
      Placed order, int status, String code, String message, Supplier<HttpResult> call) {
    refused(world, order, status, code, message, call);
  }

  /** Checks a refusal of an action on {@code order}, which belongs to {@code owner}'s project. */
  private static void refused(
      OrderWorld owner,
      Placed order,
      int status,
      String code,
      String message,
      Supplier<HttpResult> call) {
    Snapshot before = owner.snapshot(order);
    HttpResult result = call.get();
    assertEquals(status, result.status(), result::toString);
    assertEquals(code, result.errorCode(), result::toString);
    if (message != null) {
      assertEquals(message, result.body().get("error_msg").asText());
    }
    assertEquals(before, owner.snapshot(order));
  }

  @Test
  void withoutATokenEveryActionIs401() {
    Placed order = world.create(Pools.CPU, 1, true);
    ApiClient anonymous = world.server.client();
    for (String action : new String[] {"pay", "cancel", "approve"}) {
      refused(order, 401, "ModelArts.50001000", null, () -> world.act(anonymous, order, action));
    }
    refused(
        order,
        401,
        "ModelArts.50001000",
        null,
        () -> world.reject(anonymous, order, Map.of("reason", "no")));
  }

  @Test
  void aMemberOfAnotherProjectIs403ForTheProject() {
    Placed order = world.create(Pools.CPU, 1, true);
    ApiClient stranger = world.server.newTenant().member();
    refused(
        order,
        403,
        "ModelArts.0210",
        "The project id in the request URL does not match the token.",
        () -> world.act(stranger, order, "pay"));
  }

  @Test
  void aViewerMayNeitherPayNorCancel() {
    Placed order = world.create(Pools.CPU, 1, true);
    refused(
        order,
        403,
        "ModelArts.0108",
        "You are not authorized to perform the (modelarts:order:pay) operation.",
        () -> world.act(world.tenant.viewer(), order, "pay"));
    refused(
        order,
        403,
        "ModelArts.0108",
        "You are not authorized to perform the (modelarts:order:cancel) operation.",
        () -> world.act(world.tenant.viewer(), order, "cancel"));
  }

  @Test
  void aMemberMayNeitherApproveNorReject() {
    Placed order = world.create(SMALL_CPU, TestServer.APPROVAL_THRESHOLD + 1, false);
    refused(
        order,
        403,
        "ModelArts.0108",
        "You are not authorized to perform the (modelarts:order:approve) operation.",
        () -> world.act(world.tenant.member(), order, "approve"));
    refused(
        order,
        403,
        "ModelArts.0108",
        "You are not authorized to perform the (modelarts:order:reject) operation.",
        () -> world.reject(world.tenant.member(), order, Map.of("reason", "no")));
  }

  @Test
  void aRejectionNeedsAReasonOf1To256Characters() {
    Placed order = world.create(SMALL_CPU, TestServer.APPROVAL_THRESHOLD + 1, false);
    String rule = "Bad request: reason must be a string of 1 to 256 characters";
    ApiClient admin = world.tenant.admin();
    for (Object body :
        new Object[] {
          "{}",
          Map.of("reason", ""),
          Map.of("reason", "   "),
          Map.of("reason", 42),
          Map.of("reason", "r".repeat(257)),
          "{\"reason\":null}"
        }) {
      refused(order, 400, "ModelArts.50004000", rule, () -> world.reject(admin, order, body));
    }
    refused(
        order,
        400,
        "ModelArts.50004000",
        "Bad request: request body is missing",
        () -> world.act(admin, order, "reject"));
  }

  @Test
  void anUnknownOrderOrOneOfAnotherProjectIs404() {
    Placed order = world.create(Pools.CPU, 1, true);
    OrderWorld other = new OrderWorld();
    Placed theirs = other.create(Pools.CPU, 1, true);
    for (String action : new String[] {"pay", "cancel"}) {
      refused(
          order,
          404,
          "ModelArts.50015001",
          "Order order.nope-abcde not found.",
          () ->
              world.tenant.member().post(world.orderPath("order.nope-abcde") + "/" + action, null));
      refused(
          other,
          theirs,
          404,
          "ModelArts.50015001",
          "Order " + theirs.orderName() + " not found.",
          () -> world.act(world.tenant.member(), theirs, action));
    }
    // The admin may act in every project, but only on the orders of the project in the path.
    refused(
        other,
        theirs,
        404,
        "ModelArts.50015001",
        "Order " + theirs.orderName() + " not found.",
        () -> world.act(world.tenant.admin(), theirs, "approve"));
  }

  @Test
  void payingAPaidOrAPayPerUseOrderIs400() {
    Placed paid = world.create(Pools.CPU, 1, true);
    assertEquals(200, world.act(world.tenant.member(), paid, "pay").status());
    world.awaitOrder(paid, "successed");
    refused(
        paid,
        400,
        "ModelArts.5042",
        "The order has been paid.",
        () -> world.act(world.tenant.member(), paid, "pay"));

    Placed payPerUse = world.create(Pools.CPU, 1, false);
    world.awaitOrder(payPerUse, "successed");
    refused(
        payPerUse,
        400,
        "ModelArts.5042",
        "The order has been paid.",
        () -> world.act(world.tenant.member(), payPerUse, "pay"));
  }

  @Test
  void payingAnOrderThatWaitsOnlyForApprovalAfterPaymentIs400() {
    Placed order = world.create(SMALL_CPU, TestServer.APPROVAL_THRESHOLD + 1, true);
    assertEquals(200, world.act(world.tenant.member(), order, "pay").status());
    refused(
        order,
        400,
        "ModelArts.5042",
        "The order has been paid.",
        () -> world.act(world.tenant.member(), order, "pay"));
  }

  @Test
  void payingAnOrderThatFailedUnpaidIs409() {
    Placed order = world.create(Pools.CPU, 1, true);
    assertEquals(200, world.act(world.tenant.member(), order, "cancel").status());
    refused(
        order,
        409,
        "ModelArts.50015003",
        "Order " + order.orderName() + " is failed; only pending orders can be paid.",
        () -> world.act(world.tenant.member(), order, "pay"));
  }

  @Test
  void onlyPendingOrdersCanBeCancelled() {
    Placed order = world.create(Pools.CPU, 1, false);
    world.awaitOrder(order, "successed");
    refused(
        order,
        409,
        "ModelArts.50015003",
        "Order " + order.orderName() + " is successed; only pending orders can be cancelled.",
        () -> world.act(world.tenant.member(), order, "cancel"));

    Placed failed = world.create(Pools.CPU, 1, true);
    world.act(world.tenant.member(), failed, "cancel");
    refused(
        failed,
        409,
        "ModelArts.50015003",
        "Order " + failed.orderName() + " is failed; only pending orders can be cancelled.",
        () -> world.act(world.tenant.member(), failed, "cancel"));
  }

  @Test
  void aProcessingOrderCannotBeCancelled() {
    Placed order = world.create(SMALL_CPU, TestServer.APPROVAL_THRESHOLD + 1, false);
    // Held in processing: its job is not due for a day, so the engine leaves it alone.
    world
        .jdbi()
        .useTransaction(
            h -> {
              h.createUpdate(
                      """
                      update orders set phase = 'processing', awaiting_approval = false
                      where id = :id
                      """)
                  .bind("id", order.id())
                  .execute();
              h.createUpdate(
                      """
                      insert into scheduled_tasks (task_name, task_instance, execution_time,
                        picked, version)
                      values ('run-order', :id, now() + interval '1 day', false, 1)
                      """)
                  .bind("id", Long.toString(order.id()))
                  .execute();
            });
    try {
      refused(
          order,
          409,
          "ModelArts.50015003",
          "Order " + order.orderName() + " is processing; only pending orders can be cancelled.",
          () -> world.act(world.tenant.member(), order, "cancel"));
      refused(
          order,
          409,
          "ModelArts.50015003",
          "Order " + order.orderName() + " is processing; only pending orders can be approved.",
          () -> world.act(world.tenant.admin(), order, "approve"));
    } finally {
      world
          .jdbi()
          .useTransaction(
              h -> {
                h.createUpdate(
                        """
                        update orders set phase = 'failed', fail_reason = 'test over', end_at = now()
                        where id = :id
                        """)
                    .bind("id", order.id())
                    .execute();
                h.createUpdate(
                        """
                        delete from scheduled_tasks
                        where task_name = 'run-order' and task_instance = :id
                        """)
                    .bind("id", Long.toString(order.id()))
                    .execute();
              });
    }
  }

  @Test
  void onlyOrdersAwaitingApprovalCanBeApprovedOrRejected() {
    Placed awaitingPayment = world.create(Pools.CPU, 1, true);
    refused(
        awaitingPayment,
        409,
        "ModelArts.50015003",
        "Order "
            + awaitingPayment.orderName()
            + " is pending awaiting payment, not approval;"
            + " only pending orders awaiting approval can be approved.",
        () -> world.act(world.tenant.admin(), awaitingPayment, "approve"));
    refused(
        awaitingPayment,
        409,
        "ModelArts.50015003",
        "Order "
            + awaitingPayment.orderName()
            + " is pending awaiting payment, not approval;"
            + " only pending orders awaiting approval can be rejected.",
        () -> world.reject(world.tenant.admin(), awaitingPayment, Map.of("reason", "no")));

    Placed done = world.create(Pools.CPU, 1, false);
    world.awaitOrder(done, "successed");
    refused(
        done,
        409,
        "ModelArts.50015003",
        "Order " + done.orderName() + " is successed; only pending orders can be approved.",
        () -> world.act(world.tenant.admin(), done, "approve"));
    refused(
        done,
        409,
        "ModelArts.50015003",
        "Order " + done.orderName() + " is successed; only pending orders can be rejected.",
        () -> world.reject(world.tenant.admin(), done, Map.of("reason", "no")));
  }
}
