package io.quartermaster.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quartermaster.engine.SimulatedFaults;
import io.quartermaster.error.InvalidConfigException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SimulatedSettingsTest {

  @Test
  void withoutSettingsNothingIsInjected() {
    assertEquals(SimulatedFaults.NONE, faults(Map.of()));
  }

  @Test
  void everySettingIsRead() {
    SimulatedFaults faults =
        faults(
            Map.of(
                "QM_SIMULATED_FAILURE_RATE", "0.25",
                "QM_SIMULATED_FAILURE_RATES",
                    " modelarts.vm.gpu.t4u8 = 0.5 ,modelarts.vm.cpu.8ud=1",
                "QM_SIMULATED_EXTRA_LATENCY", "PT0.2S",
                "QM_SIMULATED_LATENCY_JITTER", "PT1S",
                "QM_SIMULATED_NODE_TIMEOUT", "PT30S",
                "QM_SIMULATED_SEED", "-42"));

    assertEquals(
        new SimulatedFaults(
            0.25,
            Map.of("modelarts.vm.gpu.t4u8", 0.5, "modelarts.vm.cpu.8ud", 1.0),
            Duration.ofMillis(200),
            Duration.ofSeconds(1),
            Optional.of(Duration.ofSeconds(30)),
            -42),
        faults);
    assertEquals(0.5, faults.failureRate("modelarts.vm.gpu.t4u8"));
    assertEquals(0.25, faults.failureRate("modelarts.vm.cpu.2u.d"), "others take the default");
  }

  @Test
  void ratesMustBeProbabilities() {
    for (String bad : new String[] {"1.5", "-0.1", "NaN", "Infinity", "30%", "often"}) {
      assertInvalid(
          Map.of("QM_SIMULATED_FAILURE_RATE", bad),
          "QM_SIMULATED_FAILURE_RATE must be a probability from 0 to 1 such as 0.25, not '"
              + bad
              + "'");
    }
    assertInvalid(
        Map.of("QM_SIMULATED_FAILURE_RATES", "gpu.a=0.3,gpu.b=2"),
        "QM_SIMULATED_FAILURE_RATES (flavor gpu.b) must be a probability from 0 to 1 such as 0.25,"
            + " not '2'");
    assertInvalid(
        Map.of("QM_SIMULATED_FAILURE_RATES", "gpu.a="),
        "QM_SIMULATED_FAILURE_RATES (flavor gpu.a) must be a probability from 0 to 1 such as 0.25,"
            + " not ''");
  }

  @Test
  void perFlavorRatesMustBeFlavorRatePairs() {
    String expected =
        "QM_SIMULATED_FAILURE_RATES must list flavor=rate pairs separated by commas, such as"
            + " modelarts.vm.gpu.t4u8=0.3,modelarts.vm.cpu.8ud=1; '%s' is not one";
    assertInvalid(Map.of("QM_SIMULATED_FAILURE_RATES", "gpu.a"), expected.formatted("gpu.a"));
    assertInvalid(Map.of("QM_SIMULATED_FAILURE_RATES", "=0.3"), expected.formatted("=0.3"));
    assertInvalid(Map.of("QM_SIMULATED_FAILURE_RATES", "gpu.a=0.3,"), expected.formatted(""));
    assertInvalid(
        Map.of("QM_SIMULATED_FAILURE_RATES", "gpu.a=0.3, gpu.a=1"),
        "QM_SIMULATED_FAILURE_RATES names flavor gpu.a twice");
  }

  @Test
  void latenciesAreIsoDurationsAndTheTimeoutIsPositive() {
    assertInvalid(
        Map.of("QM_SIMULATED_EXTRA_LATENCY", "200ms"),
        "QM_SIMULATED_EXTRA_LATENCY must be an ISO-8601 duration such as PT2S or P30D, not '200ms'");
    assertInvalid(
        Map.of("QM_SIMULATED_LATENCY_JITTER", "-PT1S"),
        "QM_SIMULATED_LATENCY_JITTER must be an ISO-8601 duration such as PT2S or P30D, not"
            + " '-PT1S'");
    assertInvalid(
        Map.of("QM_SIMULATED_NODE_TIMEOUT", "PT0S"),
        "QM_SIMULATED_NODE_TIMEOUT must be longer than zero (leave it unset for no timeout)");
  }

  @Test
  void theSeedIsAnInteger() {
    assertInvalid(
        Map.of("QM_SIMULATED_SEED", "0xbeef"),
        "QM_SIMULATED_SEED must be an integer (a 64-bit seed), not '0xbeef'");
  }

  private static SimulatedFaults faults(Map<String, String> env) {
    return Config.fromEnvironment(env).engine().simulatedFaults();
  }

  private static void assertInvalid(Map<String, String> env, String message) {
    InvalidConfigException e =
        assertThrows(InvalidConfigException.class, () -> Config.fromEnvironment(env));
    assertEquals(message, e.getMessage());
  }
}
