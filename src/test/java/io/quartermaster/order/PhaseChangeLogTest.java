package io.quartermaster.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quartermaster.order.OrderWorld.Placed;
import io.quartermaster.testing.LogCapture;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.TestServer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The log tells of every phase an order enters, once, after it committed: placed (pending or
 * processing), paid or approved into processing, successed, failed with the reason.
 */
class PhaseChangeLogTest {

  private final OrderWorld world = new OrderWorld();
  private final LogCapture log = LogCapture.of(PhaseChangeLog.class.getName());

  @AfterEach
  void stopCapturing() {
    log.close();
  }

  /** The lines about {@code order}, without the prefix they share. */
  private List<String> linesOf(Placed order) {
    String prefix = "order " + order.orderName() + " of project " + world.tenant.projectId() + ": ";
    return log.messages().stream()
        .filter(line -> line.startsWith(prefix))
        .map(line -> line.substring(prefix.length()))
        .toList();
  }

  @Test
  void anOrderThatRunsAtOnceLogsItsPlacementAndItsSuccess() {
    Placed order = world.create(Pools.CPU, 2, false);
    world.awaitOrder(order, "successed");

    log.await(line -> line.startsWith("order " + order.orderName()) && line.endsWith("successed"));
    assertEquals(List.of("processing (placed)", "successed"), linesOf(order));
  }

  @Test
  void aPaidOrderLogsItsWaitItsPaymentAndItsEnd() {
    Placed order = world.create(Pools.CPU, 1, true);
    assertEquals(200, world.act(world.tenant.member(), order, "pay").status());
    world.awaitOrder(order, "successed");

    log.await(line -> line.startsWith("order " + order.orderName()) && line.endsWith("successed"));
    assertEquals(List.of("pending (placed)", "processing (paid)", "successed"), linesOf(order));
  }

  @Test
  void aPaymentThatLeavesTheOrderAwaitingApprovalIsNoPhaseChange() {
    Placed order = world.create("modelarts.vm.cpu.2u.d", TestServer.APPROVAL_THRESHOLD + 1, true);
    assertEquals(200, world.act(world.tenant.member(), order, "pay").status());
    assertEquals(200, world.act(world.tenant.admin(), order, "cancel").status());

    log.await(line -> line.startsWith("order " + order.orderName()) && line.contains("failed"));
    assertEquals(List.of("pending (placed)", "failed: Cancelled by admin."), linesOf(order));
  }

  @Test
  void aChangeThatIsRolledBackIsNotLogged() {
    Placed order = world.create(Pools.CPU, 1, false);
    world.awaitOrder(order, "successed");
    log.await(line -> line.startsWith("order " + order.orderName()) && line.endsWith("successed"));

    assertThrows(
        IllegalStateException.class,
        () ->
            world
                .jdbi()
                .useTransaction(
                    h -> {
                      new OrderEventLog()
                          .append(
                              h,
                              world.tenant.projectId(),
                              order.orderName(),
                              "order.failed",
                              Map.of("phase", "failed", "failReason", "never committed"),
                              Instant.now());
                      throw new IllegalStateException("rolled back");
                    }));
    assertEquals(List.of("processing (placed)", "successed"), linesOf(order));
  }
}
