package io.quartermaster.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quartermaster.flavor.FlavorCatalog;
import io.quartermaster.order.ItemAction;
import io.quartermaster.order.OrderProgress;
import io.quartermaster.pool.PoolLifecycle;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.PoolDriver;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * Orders run by an {@link OrderRunner} of the test's own whose provider acts and then dies before
 * the engine records the outcome, as a crash between the two would; running the order again must
 * converge on one node per item and nothing held that does not exist.
 */
class OrderReplayTest {

  private final Tenant tenant = TestServer.get().newTenant();
  private final PoolDriver pools = new PoolDriver(tenant);
  private final Jdbi jdbi = TestServer.get().jdbi();
  private final CapacityLedger ledger = new CapacityLedger(jdbi);
  private final SimulatedProvider simulated =
      new SimulatedProvider(
          jdbi,
          FlavorCatalog.load(TestServer.get().config().pools().flavorCatalog()),
          new FaultPlan(SimulatedFaults.NONE, Duration.ZERO, KeyedRandom.seeded(0)),
          TestServer.get().clock());
  private final String display = Pools.uniqueName();
  private final Optional<String> pool = Optional.of(Pools.poolName(display, tenant.projectId()));

  @Test
  void aCreateReplayedAfterTheEngineDiedRecordsTheNodeOnce() throws Exception {
    long order = heldOrder(pools.create(yearly(2)));

    assertThrows(
        IllegalStateException.class, () -> runner(diesAfter(ItemAction.CREATE_NODE)).run(order));
    assertEquals(1, ledger.held(pool).size(), "the provider allocated the first node");
    assertEquals(List.of(), ledger.recorded(pool), "the engine never recorded it");

    runner(simulated).run(order);

    assertEquals("successed", phase(order));
    List<CapacityLedger.Node> nodes = ledger.recorded(pool);
    assertEquals(2, nodes.size());
    assertEquals(nodes, ledger.held(pool));
    nodes.forEach(n -> assertEquals(1, ledger.allocations(n.poolName(), n.name()), n.name()));
    assertEquals("Running", pools.awaitPhase(display, "Running").at("/status/phase").asText());
  }

  @Test
  void aDeleteReplayedAfterTheEngineDiedDeletesTheNodeOnce() throws Exception {
    runner(simulated).run(heldOrder(pools.create(yearly(2))));
    HttpResult patched =
        tenant
            .member()
            .patch(
                pools.poolPath(display),
                Map.of("spec", Map.of("resources", List.of(Pools.resource(Pools.CPU, 1)))));
    long order = heldOrder(patched.body());

    assertThrows(
        IllegalStateException.class, () -> runner(diesAfter(ItemAction.DELETE_NODE)).run(order));
    assertEquals(1, ledger.held(pool).size(), "the provider released the node");
    assertEquals(2, ledger.recorded(pool).size(), "the engine still lists it");

    runner(simulated).run(order);

    assertEquals("successed", phase(order));
    assertEquals(1, ledger.recorded(pool).size());
    assertEquals(ledger.recorded(pool), ledger.held(pool));
  }

  @Test
  void anItemGivenUpOnFailsAndLeavesNothingHeld() throws Exception {
    long order = heldOrder(pools.create(yearly(2)));
    OrderRunner dying = runner(diesAfter(ItemAction.CREATE_NODE));
    assertThrows(IllegalStateException.class, () -> dying.run(order));

    dying.giveUp(order, "the engine died before recording os-node");

    assertEquals("failed", phase(order));
    String reason = failReason(order);
    assertTrue(
        reason.startsWith("Failed to create node os-node-created-")
            && reason.endsWith(
                ": The provider could not carry it out: the engine died before recording os-node"),
        reason);
    assertEquals(List.of(), ledger.held(pool));
    assertEquals(List.of(), ledger.recorded(pool));
    JsonNode failed = pools.awaitPhase(display, "CreationFailed");
    assertEquals(reason, failed.at("/status/message").asText());
  }

  /** A pool body whose orders wait for payment, so that the service's own engine leaves them. */
  private Map<String, Object> yearly(int nodes) {
    Map<String, Object> body = Pools.body(display, Pools.CPU, nodes);
    @SuppressWarnings("unchecked")
    Map<String, Object> annotations =
        (Map<String, Object>) ((Map<String, Object>) body.get("metadata")).get("annotations");
    annotations.put("os.modelarts/billing.mode", "1");
    annotations.put("os.modelarts/period.type", "2");
    annotations.put("os.modelarts/period.num", "1");
    return body;
  }

  /** Moves the pool's waiting order to processing, without an engine job; answers its id. */
  private long heldOrder(JsonNode pool) {
    String orderName = pool.at("/metadata/labels/os.modelarts~1order.name").asText();
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    """
                    update orders set phase = 'processing', awaiting_payment = false
                    where project_id = :p and order_name = :n and phase = 'pending'
                    returning id
                    """)
                .bind("p", tenant.projectId())
                .bind("n", orderName)
                .mapTo(Long.class)
                .one());
  }

  private String phase(long order) {
    return column(order, "phase");
  }

  private String failReason(long order) {
    return column(order, "fail_reason");
  }

  private String column(long order, String column) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select " + column + " from orders where id = :id")
                .bind("id", order)
                .mapTo(String.class)
                .one());
  }

  /**
   * A runner that carries out one item at a time, so that the provider dies on a known item with
   * nothing else in flight ({@code ParallelItemsTest} covers items carried out together).
   */
  private OrderRunner runner(Provider provider) {
    return new OrderRunner(
        new OrderProgress(jdbi, new PoolLifecycle(), TestServer.get().clock()),
        provider,
        new EngineMeters(new SimpleMeterRegistry(), "test"),
        new ItemSlots(1, 1));
  }

  /** The simulated provider, except that the first {@code action} it carries out then dies. */
  private Provider diesAfter(ItemAction action) {
    return new Provider() {
      private boolean died;

      @Override
      public ProvisionOutcome apply(ProvisionRequest request) throws Exception {
        ProvisionOutcome outcome = simulated.apply(request);
        if (!died && request.action() == action) {
          died = true;
          throw new IllegalStateException(
              "the engine died before recording " + request.resourceName());
        }
        return outcome;
      }

      @Override
      public void abandon(ProvisionRequest request) {
        simulated.abandon(request);
      }
    };
  }
}
