package io.quartermaster.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quartermaster.error.InvalidConfigException;
import io.quartermaster.metrics.MetricsConfig;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** {@code QM_METRICS} and {@code QM_METRICS_PORT}. */
class MetricsConfigTest {

  @Test
  void byDefaultMetricsAreOnAndServedOnTheApisPort() {
    assertEquals(MetricsConfig.DEFAULT, Config.fromEnvironment(Map.of()).metrics());
  }

  @Test
  void readsTheSwitchAndThePort() {
    assertEquals(
        new MetricsConfig(true, OptionalInt.of(9464)),
        Config.fromEnvironment(Map.of("QM_METRICS_PORT", "9464")).metrics());
    assertEquals(
        new MetricsConfig(false, OptionalInt.empty()),
        Config.fromEnvironment(Map.of("QM_METRICS", "off")).metrics());
  }

  @Test
  void settingsItCannotUseNameTheVariable() {
    assertRefused(Map.of("QM_METRICS", "yes"), "QM_METRICS must be on or off");
    assertRefused(Map.of("QM_METRICS_PORT", "ninety"), "QM_METRICS_PORT must be an integer");
    assertRefused(Map.of("QM_METRICS_PORT", "-1"), "QM_METRICS_PORT must be at least 0");
    assertRefused(Map.of("QM_METRICS_PORT", "70000"), "QM_METRICS_PORT must be a port");
    assertRefused(Map.of("QM_METRICS_PORT", "8080"), "QM_METRICS_PORT must differ from QM_PORT");
    assertRefused(
        Map.of("QM_PORT", "9000", "QM_METRICS_PORT", "9000"),
        "QM_METRICS_PORT must differ from QM_PORT");
  }

  private static void assertRefused(Map<String, String> env, String message) {
    InvalidConfigException e =
        assertThrows(InvalidConfigException.class, () -> Config.fromEnvironment(env));
    assertEquals(true, e.getMessage().startsWith(message), e.getMessage());
  }
}
