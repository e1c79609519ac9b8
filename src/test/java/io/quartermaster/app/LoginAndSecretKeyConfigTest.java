package io.quartermaster.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.error.InvalidConfigException;
import io.quartermaster.identity.IdentityConfig;
import io.quartermaster.identity.LoginThrottleConfig;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code QM_SECRET_KEY} and the login throttle's settings. */
class LoginAndSecretKeyConfigTest {

  private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

  @Test
  void defaultsAreNoConfiguredKeyAndFiveFailuresAMinuteForFiveMinutes() {
    IdentityConfig identity = Config.fromEnvironment(Map.of()).identity();
    assertEquals(Optional.empty(), identity.secretKey());
    assertEquals(
        new LoginThrottleConfig(5, Duration.ofMinutes(1), Duration.ofMinutes(5)),
        identity.loginThrottle());
  }

  @Test
  void readsTheSettingsAndKeepsTheKeyOutOfToString() {
    IdentityConfig identity =
        Config.fromEnvironment(
                Map.of(
                    "QM_SECRET_KEY", KEY,
                    "QM_LOGIN_MAX_FAILURES", "3",
                    "QM_LOGIN_FAILURE_WINDOW", "PT30S",
                    "QM_LOGIN_LOCKOUT", "PT1H"))
            .identity();
    assertEquals(Optional.of(KEY), identity.secretKey());
    assertEquals(
        new LoginThrottleConfig(3, Duration.ofSeconds(30), Duration.ofHours(1)),
        identity.loginThrottle());
    assertFalse(identity.toString().contains(KEY), identity.toString());
  }

  @Test
  void refusesSettingsItCannotUseNamingTheVariable() {
    for (Map<String, String> env :
        List.of(
            Map.of("QM_SECRET_KEY", "too-short"),
            Map.of("QM_SECRET_KEY", Base64.getEncoder().encodeToString(new byte[16])),
            Map.of("QM_LOGIN_MAX_FAILURES", "0"),
            Map.of("QM_LOGIN_FAILURE_WINDOW", "PT0S"),
            Map.of("QM_LOGIN_LOCKOUT", "soon"))) {
      InvalidConfigException e =
          assertThrows(InvalidConfigException.class, () -> Config.fromEnvironment(env));
      assertTrue(e.getMessage().startsWith(env.keySet().iterator().next()), e.getMessage());
      assertFalse(
          e.getMessage().contains(env.values().iterator().next())
              && env.containsKey("QM_SECRET_KEY"),
          e.getMessage());
    }
  }
}
