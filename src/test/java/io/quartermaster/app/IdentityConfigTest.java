package io.quartermaster.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.error.InvalidConfigException;
import io.quartermaster.identity.IdentityConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdentityConfigTest {

  @Test
  void defaultsAreADayLongTokenAndTheRecommendedIterationCount() {
    IdentityConfig identity = Config.fromEnvironment(Map.of()).identity();
    assertEquals(Optional.empty(), identity.adminPassword());
    assertEquals(Duration.ofHours(24), identity.tokenTtl());
    assertEquals(600_000, identity.passwordIterations());
  }

  @Test
  void readsTheIdentitySettings() {
    IdentityConfig identity =
        Config.fromEnvironment(
                Map.of(
                    "QM_ADMIN_PASSWORD", "s3cret-admin",
                    "QM_TOKEN_TTL", "PT30M",
                    "QM_PASSWORD_ITERATIONS", "1000"))
            .identity();
    assertEquals(Optional.of("s3cret-admin"), identity.adminPassword());
    assertEquals(Duration.ofMinutes(30), identity.tokenTtl());
    assertEquals(1000, identity.passwordIterations());
    assertFalse(identity.toString().contains("s3cret-admin"));
  }

  @Test
  void refusesSettingsItCannotUseNamingTheVariable() {
    for (Map<String, String> env :
        List.of(
            Map.of("QM_TOKEN_TTL", "24"),
            Map.of("QM_TOKEN_TTL", "PT0S"),
            Map.of("QM_TOKEN_TTL", "-PT1H"),
            Map.of("QM_PASSWORD_ITERATIONS", "0"),
            Map.of("QM_PASSWORD_ITERATIONS", "many"),
            Map.of("QM_ADMIN_PASSWORD", "short"))) {
      InvalidConfigException e =
          assertThrows(InvalidConfigException.class, () -> Config.fromEnvironment(env));
      assertTrue(e.getMessage().startsWith(env.keySet().iterator().next()), e.getMessage());
    }
  }
}
