package io.quartermaster.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.flavor.FlavorCatalog;
import io.quartermaster.order.ItemAction;
import io.quartermaster.testing.TestServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** The simulated provider on the real database, called the way the engine calls it. */
class SimulatedProviderTest {

  private static final String CPU = "modelarts.vm.cpu.8ud";

  private final Jdbi jdbi = TestServer.get().jdbi();
  private final FlavorCatalog catalog =
      FlavorCatalog.load(TestServer.get().config().pools().flavorCatalog());
  private final CapacityLedger ledger = new CapacityLedger(jdbi);
  private final String projectId = UUID.randomUUID().toString().replace("-", "");
  private final String poolName = "pool-sim-" + projectId;

  @Test
  void aReplayedCreateAllocatesOnceAndSucceedsWhateverItsFateWouldBeNow() throws Exception {
    ProvisionRequest create = request(ItemAction.CREATE_NODE, "CS2401010000AAAAA-1", "node-a");

    assertEquals(ProvisionOutcome.succeeded(), provider(SimulatedFaults.NONE).apply(create));
    // The engine died before recording the node; it comes back with faults that would now fail
    // or time out the operation, and replays it.
    assertEquals(
        ProvisionOutcome.succeeded(), provider(alwaysFailing(Duration.ofMillis(1))).apply(create));

    assertEquals(1, ledger.allocations(poolName, "node-a"));
    assertEquals(List.of("node-a"), heldNames());
  }

  @Test
  void aFailedCreateHoldsNothingAndMeetsTheSameFateWhenReplayed() throws Exception {
    SimulatedFaults faults =
        new SimulatedFaults(0.5, Map.of(), Duration.ZERO, Duration.ZERO, Optional.empty(), 99);
    SimulatedProvider provider = provider(faults);
    int failed = 0;
    for (int i = 0; i < 20; i++) {
      ProvisionRequest create = request(ItemAction.CREATE_NODE, "CS2401010000BBBBB-" + i, "n-" + i);
      ProvisionOutcome first = provider.apply(create);
      assertEquals(first, provider(faults).apply(create), "a replay meets the first fate");
      if (first instanceof ProvisionOutcome.Failed f) {
        failed++;
        assertTrue(f.message().startsWith("Simulated provider error: creating the node failed"));
        assertEquals(0, ledger.allocations(poolName, "n-" + i));
      } else {
        assertEquals(1, ledger.allocations(poolName, "n-" + i));
      }
    }
    assertTrue(failed > 0 && failed < 20, failed + " of 20 failed");
  }

  @Test
  void aFailedDeleteKeepsTheNodeAndItsCapacity() throws Exception {
    provider(SimulatedFaults.NONE)
        .apply(request(ItemAction.CREATE_NODE, "CS2401010000CCCCC-1", "node-c"));
    ProvisionRequest delete = request(ItemAction.DELETE_NODE, "CS2401010000DDDDD-0", "node-c");

    ProvisionOutcome failed = provider(alwaysFailing(Duration.ofSeconds(5))).apply(delete);

    assertEquals(
        "Simulated provider error: deleting the node failed (flavor "
            + CPU
            + ", failure rate 1.0).",
        ((ProvisionOutcome.Failed) failed).message());
    assertEquals(List.of("node-c"), heldNames());

    ProvisionRequest again = request(ItemAction.DELETE_NODE, "CS2401010000EEEEE-0", "node-c");
    assertEquals(ProvisionOutcome.succeeded(), provider(SimulatedFaults.NONE).apply(again));
    assertEquals(List.of(), heldNames());
    // Replayed after the engine died before recording the deletion: already done, so done.
    assertEquals(
        ProvisionOutcome.succeeded(), provider(alwaysFailing(Duration.ofSeconds(5))).apply(again));
    assertEquals(List.of(), heldNames());
  }

  @Test
  void aTimedOutOperationWaitsOnlyUntilTheTimeoutAndHoldsNothing() throws Exception {
    SimulatedFaults slow =
        new SimulatedFaults(
            0,
            Map.of(),
            Duration.ofSeconds(30),
            Duration.ZERO,
            Optional.of(Duration.ofMillis(100)),
            0);
    Instant start = Instant.now();

    ProvisionOutcome outcome =
        provider(slow).apply(request(ItemAction.CREATE_NODE, "CS2401010000FFFFF-1", "node-f"));

    Duration took = Duration.between(start, Instant.now());
    assertEquals(
        ProvisionOutcome.failed("Timed out after 100 ms (the operation needed 30000 ms)."),
        outcome);
    assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "took " + took);
    assertTrue(took.compareTo(Duration.ofMillis(100)) >= 0, "took " + took);
    assertEquals(0, ledger.allocations(poolName, "node-f"));
  }

  @Test
  void abandoningAnOperationUndoesIt() throws Exception {
    SimulatedProvider provider = provider(SimulatedFaults.NONE);
    ProvisionRequest create = request(ItemAction.CREATE_NODE, "CS2401010000GGGGG-1", "node-g");
    provider.apply(create);
    provider.apply(request(ItemAction.CREATE_NODE, "CS2401010000GGGGG-2", "node-h"));

    provider.abandon(create);
    assertEquals(List.of("node-h"), heldNames());
    provider.abandon(create);
    assertEquals(List.of("node-h"), heldNames(), "abandoning twice changes nothing more");

    ProvisionRequest delete = request(ItemAction.DELETE_NODE, "CS2401010000HHHHH-0", "node-h");
    provider.apply(delete);
    assertEquals(List.of(), heldNames());
    provider.abandon(delete);
    assertEquals(List.of("node-h"), heldNames(), "the node stays, so it holds capacity again");
    assertEquals(
        2, ledger.allocations(poolName, "node-g") + ledger.allocations(poolName, "node-h"));
  }

  private List<String> heldNames() {
    return ledger.held(Optional.of(poolName)).stream().map(CapacityLedger.Node::name).toList();
  }

  private SimulatedProvider provider(SimulatedFaults faults) {
    return new SimulatedProvider(
        jdbi,
        catalog,
        new FaultPlan(faults, Duration.ZERO, KeyedRandom.seeded(faults.seed())),
        Clock.systemUTC());
  }

  private static SimulatedFaults alwaysFailing(Duration timeout) {
    return new SimulatedFaults(1, Map.of(), Duration.ZERO, Duration.ZERO, Optional.of(timeout), 0);
  }

  private ProvisionRequest request(ItemAction action, String key, String node) {
    return new ProvisionRequest(
        key, action, projectId, poolName, node, Optional.of(CPU), Optional.of("az-1a"));
  }
}
