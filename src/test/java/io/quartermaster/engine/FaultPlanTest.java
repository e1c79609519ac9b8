package io.quartermaster.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.app.Config;
import io.quartermaster.error.InvalidConfigException;
import io.quartermaster.flavor.FlavorCatalog;
import io.quartermaster.order.ItemAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class FaultPlanTest {

  private static final String GPU = "modelarts.vm.gpu.t4u8";
  private static final String CPU = "modelarts.vm.cpu.8ud";

  @Test
  void theFateOfAnOperationDependsOnlyOnItsKeyAndTheSeed() {
    SimulatedFaults faults = faults(0.5, Duration.ofMillis(100), Optional.empty(), 7);
    FaultPlan first = new FaultPlan(faults, Duration.ZERO, KeyedRandom.seeded(7));
    FaultPlan afterRestart = new FaultPlan(faults, Duration.ZERO, KeyedRandom.seeded(7));
    FaultPlan otherSeed = new FaultPlan(faults, Duration.ZERO, KeyedRandom.seeded(8));

    List<FaultPlan.Fate> fates = new ArrayList<>();
    List<FaultPlan.Fate> replayed = new ArrayList<>();
    List<FaultPlan.Fate> reseeded = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      ProvisionRequest request = create("CS2401010000ABCDE-" + i, GPU);
      fates.add(first.decide(request));
      assertEquals(fates.get(i), first.decide(request), "asked twice, one answer");
      replayed.add(afterRestart.decide(request));
      reseeded.add(otherSeed.decide(request));
    }

    assertEquals(fates, replayed);
    assertNotEquals(fates, reseeded);
    assertTrue(fates.stream().anyMatch(f -> f.failure().isPresent()));
    assertTrue(fates.stream().anyMatch(f -> f.failure().isEmpty()));
  }

  @Test
  void failuresComeAtTheConfiguredRatePerFlavor() {
    SimulatedFaults faults =
        new SimulatedFaults(
            0.3, Map.of(CPU, 0.0, GPU, 1.0), Duration.ZERO, Duration.ZERO, Optional.empty(), 1);
    FaultPlan plan = new FaultPlan(faults, Duration.ZERO, KeyedRandom.seeded(1));

    int failures = 0;
    for (int i = 0; i < 10_000; i++) {
      String key = "CS2401010000XYZ01-" + i;
      if (plan.decide(create(key, "modelarts.vm.cpu.2u.d")).failure().isPresent()) {
        failures++;
      }
      assertTrue(plan.decide(create(key, CPU)).failure().isEmpty(), "rate 0 never fails");
      assertTrue(plan.decide(create(key, GPU)).failure().isPresent(), "rate 1 always fails");
    }

    assertTrue(failures > 2_800 && failures < 3_200, failures + " of 10000 failed");
  }

  @Test
  void anInjectedFailureSaysWhatFailed() {
    SimulatedFaults faults = faults(0.3, Duration.ZERO, Optional.empty(), 0);
    FaultPlan plan = new FaultPlan(faults, Duration.ofSeconds(1), key -> dice(0.29, 0.0));

    FaultPlan.Fate fate = plan.decide(delete("k-1", GPU));

    assertEquals(
        new FaultPlan.Fate(
            Duration.ofSeconds(1),
            Optional.of(
                "Simulated provider error: deleting the node failed (flavor "
                    + GPU
                    + ", failure rate 0.3).")),
        fate);
    assertEquals(
        Optional.empty(),
        new FaultPlan(faults, Duration.ZERO, key -> dice(0.3, 0.0))
            .decide(create("k-1", GPU))
            .failure());
  }

  @Test
  void latencyIsNodeTimePlusExtraPlusAShareOfTheJitter() {
    SimulatedFaults faults =
        new SimulatedFaults(
            0, Map.of(), Duration.ofMillis(300), Duration.ofMillis(1000), Optional.empty(), 0);
    FaultPlan plan = new FaultPlan(faults, Duration.ofSeconds(2), key -> dice(0.9, 0.25));

    assertEquals(Duration.ofMillis(2550), plan.decide(create("k", CPU)).delay());

    FaultPlan seeded = new FaultPlan(faults, Duration.ofSeconds(2), KeyedRandom.seeded(3));
    for (int i = 0; i < 1_000; i++) {
      Duration delay = seeded.decide(create("k-" + i, CPU)).delay();
      assertTrue(delay.compareTo(Duration.ofMillis(2300)) >= 0, delay.toString());
      assertTrue(delay.compareTo(Duration.ofMillis(3300)) < 0, delay.toString());
    }
  }

  @Test
  void anOperationLongerThanTheTimeoutFailsAfterTheTimeoutOnly() {
    SimulatedFaults faults =
        faults(0, Duration.ofMillis(1000), Optional.of(Duration.ofMillis(500)), 0);
    FaultPlan plan = new FaultPlan(faults, Duration.ofMillis(100), key -> dice(0.9, 0.6));

    FaultPlan.Fate fate = plan.decide(create("k", CPU));

    assertEquals(Duration.ofMillis(500), fate.delay(), "never waits past the timeout");
    assertEquals(
        Optional.of("Timed out after 500 ms (the operation needed 700 ms)."), fate.failure());
    FaultPlan.Fate inTime =
        new FaultPlan(faults, Duration.ofMillis(100), key -> dice(0.9, 0.4))
            .decide(create("k", CPU));
    assertEquals(new FaultPlan.Fate(Duration.ofMillis(500), Optional.empty()), inTime);
    FaultPlan.Fate justLate =
        new FaultPlan(
                faults(0, Duration.ofMillis(10), Optional.of(Duration.ofMillis(10)), 0),
                Duration.ofMillis(5),
                key -> dice(0.9, 0.504))
            .decide(create("k", CPU));
    assertEquals(
        Optional.of("Timed out after 10 ms (the operation needed 10.1 ms)."), justLate.failure());
  }

  @Test
  void perFlavorRatesMustNameFlavorsOfTheCatalog() {
    FlavorCatalog catalog = FlavorCatalog.load(Optional.empty());
    EngineConfig engine = Config.fromEnvironment(Map.of()).engine();
    SimulatedFaults misspelt =
        new SimulatedFaults(
            0,
            Map.of("modelarts.vm.gpu.t4", 1.0),
            Duration.ZERO,
            Duration.ZERO,
            Optional.empty(),
            0);

    InvalidConfigException e =
        assertThrows(
            InvalidConfigException.class,
            () -> Engine.faultPlan(catalog, engine.withSimulatedFaults(misspelt)));

    assertEquals(
        "QM_SIMULATED_FAILURE_RATES names flavor modelarts.vm.gpu.t4, which is not in the flavor"
            + " catalog",
        e.getMessage());
    SimulatedFaults known =
        new SimulatedFaults(0, Map.of(GPU, 1.0), Duration.ZERO, Duration.ZERO, Optional.empty(), 0);
    assertTrue(
        Engine.faultPlan(catalog, engine.withSimulatedFaults(known))
            .decide(create("k", GPU))
            .failure()
            .isPresent());
  }

  private static SimulatedFaults faults(
      double rate, Duration jitter, Optional<Duration> timeout, long seed) {
    return new SimulatedFaults(rate, Map.of(), Duration.ZERO, jitter, timeout, seed);
  }

  static ProvisionRequest create(String key, String flavor) {
    return node(ItemAction.CREATE_NODE, key, flavor);
  }

  static ProvisionRequest delete(String key, String flavor) {
    return node(ItemAction.DELETE_NODE, key, flavor);
  }

  private static ProvisionRequest node(ItemAction action, String key, String flavor) {
    return new ProvisionRequest(
        key,
        action,
        "0123456789abcdef0123456789abcdef",
        "pool-test-0123456789abcdef0123456789abcdef",
        "os-node-created-abcde",
        Optional.of(flavor),
        Optional.of("az-1a"));
  }

  /** A generator that draws the given doubles, in order, and nothing else. */
  private static RandomGenerator dice(double... draws) {
    return new RandomGenerator() {
      private int next;

      @Override
      public double nextDouble() {
        return draws[next++];
      }

      @Override
      public long nextLong() {
        throw new UnsupportedOperationException("the fault plan draws doubles only");
      }
    };
  }
}
