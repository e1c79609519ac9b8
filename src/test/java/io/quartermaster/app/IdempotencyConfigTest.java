package io.quartermaster.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.error.InvalidConfigException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdempotencyConfigTest {

  @Test
  void keysLiveADayByDefault() {
    assertEquals(Duration.ofHours(24), Config.fromEnvironment(Map.of()).idempotency().ttl());
  }

  @Test
  void readsTheTimeToLive() {
    assertEquals(
        Duration.ofDays(7),
        Config.fromEnvironment(Map.of("QM_IDEMPOTENCY_TTL", "P7D")).idempotency().ttl());
  }

  @Test
  void refusesATimeToLiveItCannotUseNamingTheVariable() {
    for (String bad : List.of("24h", "PT0S", "-PT1H")) {
      InvalidConfigException e =
          assertThrows(
              InvalidConfigException.class,
              () -> Config.fromEnvironment(Map.of("QM_IDEMPOTENCY_TTL", bad)));
      assertTrue(e.getMessage().startsWith("QM_IDEMPOTENCY_TTL must"), e.getMessage());
    }
  }
}
