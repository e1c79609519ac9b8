package io.quartermaster.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.error.InvalidConfigException;
import io.quartermaster.notify.NotifyConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotifyConfigTest {

  @Test
  void defaultsAllowAnyHostAndRetryForMinutes() {
    NotifyConfig config = Config.fromEnvironment(Map.of()).notifications();
    assertEquals(NotifyConfig.defaults(), config);
    assertNull(config.allowedHosts().refusal("https://anything.example.com/hook"));
  }

  @Test
  void readsEverySetting() {
    NotifyConfig config =
        Config.fromEnvironment(
                Map.of(
                    "QM_WEBHOOK_ALLOWED_HOSTS", "hooks.example.com,.internal",
                    "QM_NOTIFY_ATTEMPTS", "3",
                    "QM_NOTIFY_BACKOFF", "PT0.5S",
                    "QM_NOTIFY_MAX_BACKOFF", "PT10S",
                    "QM_NOTIFY_TIMEOUT", "PT3S",
                    "QM_NOTIFY_POLL_INTERVAL", "PT0.2S",
                    "QM_NOTIFY_WORKERS", "2"))
            .notifications();
    assertEquals(3, config.maxAttempts());
    assertEquals(Duration.ofMillis(500), config.backoff());
    assertEquals(Duration.ofSeconds(10), config.maxBackoff());
    assertEquals(Duration.ofSeconds(3), config.timeout());
    assertEquals(Duration.ofMillis(200), config.pollInterval());
    assertEquals(2, config.workers());
    assertNull(config.allowedHosts().refusal("https://hooks.example.com/x"));
    assertNull(config.allowedHosts().refusal("http://a.b.internal:8080/x"));
    assertTrue(config.allowedHosts().refusal("https://example.com/x") != null);
  }

  @Test
  void refusesSettingsItCannotUseNamingTheVariable() {
    Map<String, String> bad =
        Map.of(
            "QM_NOTIFY_ATTEMPTS", "0",
            "QM_NOTIFY_BACKOFF", "PT0S",
            "QM_NOTIFY_TIMEOUT", "10s",
            "QM_NOTIFY_WORKERS", "none");
    bad.forEach(
        (name, value) -> {
          InvalidConfigException e =
              assertThrows(
                  InvalidConfigException.class, () -> Config.fromEnvironment(Map.of(name, value)));
          assertTrue(e.getMessage().startsWith(name + " must"), e.getMessage());
        });
    InvalidConfigException e =
        assertThrows(
            InvalidConfigException.class,
            () ->
                Config.fromEnvironment(
                    Map.of("QM_NOTIFY_BACKOFF", "PT10S", "QM_NOTIFY_MAX_BACKOFF", "PT1S")));
    assertEquals(
        "QM_NOTIFY_MAX_BACKOFF must not be shorter than QM_NOTIFY_BACKOFF", e.getMessage());
  }
}
