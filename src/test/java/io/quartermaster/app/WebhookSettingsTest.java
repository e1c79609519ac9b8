package io.quartermaster.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.engine.webhook.WebhookConfig;
import io.quartermaster.error.InvalidConfigException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSettingsTest {

  private static final String SECRET = "sixteen-chars-ok";

  @Test
  void theSimulatedProviderIsTheDefault() {
    assertTrue(Config.fromEnvironment(Map.of()).webhook().isEmpty());
    assertTrue(Config.fromEnvironment(Map.of("QM_PROVIDER", "simulated")).webhook().isEmpty());
  }

  @Test
  void theWebhookProviderNeedsAUrlAndASecretAndDefaultsTheRest() {
    WebhookConfig webhook =
        Config.fromEnvironment(webhook("https://ops.example.com/qm", SECRET))
            .webhook()
            .orElseThrow();

    assertEquals(URI.create("https://ops.example.com/qm"), webhook.url());
    assertEquals(SECRET, webhook.secret());
    assertEquals(Duration.ofSeconds(10), webhook.timeout());
    assertEquals(5, webhook.attempts());
    assertEquals(Duration.ofMillis(500), webhook.backoff());
    assertEquals(Duration.ofSeconds(30), webhook.maxBackoff());
    assertFalse(webhook.toString().contains(SECRET), "the secret never reaches a log");
  }

  @Test
  void retriesAndTimeoutsAreConfigurable() {
    Map<String, String> env = webhook("http://10.0.0.5:9000/items", SECRET);
    env.put("QM_WEBHOOK_TIMEOUT", "PT2S");
    env.put("QM_WEBHOOK_ATTEMPTS", "2");
    env.put("QM_WEBHOOK_BACKOFF", "PT1S");
    env.put("QM_WEBHOOK_MAX_BACKOFF", "PT5S");

    WebhookConfig webhook = Config.fromEnvironment(env).webhook().orElseThrow();

    assertEquals(
        new WebhookConfig(
            URI.create("http://10.0.0.5:9000/items"),
            SECRET,
            Duration.ofSeconds(2),
            2,
            Duration.ofSeconds(1),
            Duration.ofSeconds(5)),
        webhook);
  }

  @Test
  void aMissingUrlOrSecretIsRefusedByName() {
    Map<String, String> noUrl = webhook(null, SECRET);
    assertMessage(noUrl, "QM_WEBHOOK_URL is required when QM_PROVIDER=webhook");
    Map<String, String> noSecret = webhook("https://ops.example.com/qm", null);
    assertMessage(noSecret, "QM_WEBHOOK_SECRET is required when QM_PROVIDER=webhook");
  }

  @Test
  void onlyHttpUrlsWithAHostAndNoCredentialsAreAccepted() {
    for (String url :
        new String[] {"ftp://ops.example.com/qm", "ops.example.com/qm", "http:///x"}) {
      assertMessage(webhook(url, SECRET), "QM_WEBHOOK_URL must be an http:// or https:// URL");
    }
    assertMessage(webhook("http://a b", SECRET), "QM_WEBHOOK_URL is not a URL");
    assertMessage(
        webhook("https://user:pw@ops.example.com/qm", SECRET),
        "QM_WEBHOOK_URL must not contain a user or password");
  }

  @Test
  void badSecretsAttemptsBackoffsAndProvidersAreRefused() {
    assertMessage(
        webhook("https://ops.example.com/qm", "short"),
        "QM_WEBHOOK_SECRET must be at least 16 characters");
    Map<String, String> noAttempts = webhook("https://ops.example.com/qm", SECRET);
    noAttempts.put("QM_WEBHOOK_ATTEMPTS", "0");
    assertMessage(noAttempts, "QM_WEBHOOK_ATTEMPTS must be at least 1");
    Map<String, String> zeroTimeout = webhook("https://ops.example.com/qm", SECRET);
    zeroTimeout.put("QM_WEBHOOK_TIMEOUT", "PT0S");
    assertMessage(zeroTimeout, "QM_WEBHOOK_TIMEOUT must be longer than zero");
    Map<String, String> inverted = webhook("https://ops.example.com/qm", SECRET);
    inverted.put("QM_WEBHOOK_BACKOFF", "PT10S");
    inverted.put("QM_WEBHOOK_MAX_BACKOFF", "PT1S");
    assertMessage(inverted, "QM_WEBHOOK_MAX_BACKOFF must not be shorter than QM_WEBHOOK_BACKOFF");
    assertMessage(
        Map.of("QM_PROVIDER", "aws"), "QM_PROVIDER must be simulated or webhook, not 'aws'");
  }

  private static void assertMessage(Map<String, String> env, String expected) {
    InvalidConfigException thrown =
        assertThrows(InvalidConfigException.class, () -> Config.fromEnvironment(env));
    assertTrue(thrown.getMessage().startsWith(expected), thrown.getMessage());
  }

  private static Map<String, String> webhook(String url, String secret) {
    Map<String, String> env = new HashMap<>();
    env.put("QM_PROVIDER", "webhook");
    if (url != null) {
      env.put("QM_WEBHOOK_URL", url);
    }
    if (secret != null) {
      env.put("QM_WEBHOOK_SECRET", secret);
    }
    return env;
  }
}
