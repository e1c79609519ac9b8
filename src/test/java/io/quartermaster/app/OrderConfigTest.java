package io.quartermaster.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.error.InvalidConfigException;
import io.quartermaster.order.OrderConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderConfigTest {

  @Test
  void defaultsAreNoApprovalAWeekToSettleAndNinetyDaysOfRetention() {
    OrderConfig orders = Config.fromEnvironment(Map.of()).orders();
    assertEquals(
        new OrderConfig(
            Duration.ofDays(30),
            0,
            Duration.ofDays(7),
            Duration.ofDays(90),
            Duration.ofMinutes(1),
            100),
        orders);
  }

  @Test
  void readsTheOrderSettings() {
    OrderConfig orders =
        Config.fromEnvironment(
                Map.of(
                    "QM_ORDER_LIST_WINDOW", "P14D",
                    "QM_APPROVAL_THRESHOLD", "20",
                    "QM_PENDING_ORDER_TIMEOUT", "PT36H",
                    "QM_ORDER_RETENTION", "P365D",
                    "QM_ORDER_SWEEP_INTERVAL", "PT5M",
                    "QM_ORDER_SWEEP_BATCH_SIZE", "500"))
            .orders();
    assertEquals(
        new OrderConfig(
            Duration.ofDays(14),
            20,
            Duration.ofHours(36),
            Duration.ofDays(365),
            Duration.ofMinutes(5),
            500),
        orders);
  }

  @Test
  void refusesSettingsItCannotUseNamingTheVariable() {
    for (Map<String, String> env :
        List.of(
            Map.of("QM_APPROVAL_THRESHOLD", "-1"),
            Map.of("QM_APPROVAL_THRESHOLD", "ten"),
            Map.of("QM_PENDING_ORDER_TIMEOUT", "7"),
            Map.of("QM_PENDING_ORDER_TIMEOUT", "PT0S"),
            Map.of("QM_ORDER_RETENTION", "-P1D"),
            Map.of("QM_ORDER_SWEEP_INTERVAL", "PT0S"),
            Map.of("QM_ORDER_SWEEP_BATCH_SIZE", "0"),
            Map.of("QM_ORDER_LIST_WINDOW", "P0D"))) {
      InvalidConfigException e =
          assertThrows(InvalidConfigException.class, () -> Config.fromEnvironment(env));
      assertTrue(e.getMessage().startsWith(env.keySet().iterator().next()), e.getMessage());
    }
  }
}
