package io.quartermaster.app;

import io.quartermaster.engine.webhook.WebhookConfig;
import io.quartermaster.error.InvalidConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;

/** Reads {@code QM_PROVIDER} and, for the webhook provider, its {@code QM_WEBHOOK_*} settings. */
final class WebhookSettings {

  private WebhookSettings() {}

  /** The webhook's configuration, or empty when the simulated provider is chosen. */
  static Optional<WebhookConfig> read(Config.EnvironmentReader read) {
    String provider = read.string("QM_PROVIDER", "simulated");
    if (provider.equals("simulated")) {
      return Optional.empty();
    }
    if (!provider.equals("webhook")) {
      throw new InvalidConfigException(
          "QM_PROVIDER must be simulated or webhook, not '" + provider + "'");
    }
    URI url =
        url(
            read.optional("QM_WEBHOOK_URL")
                .orElseThrow(() -> required("QM_WEBHOOK_URL", "the endpoint's http(s) URL")));
    String secret =
        read.optional("QM_WEBHOOK_SECRET")
            .orElseThrow(() -> required("QM_WEBHOOK_SECRET", "the key requests are signed with"));
    if (secret.length() < WebhookConfig.MIN_SECRET_LENGTH) {
      throw new InvalidConfigException(
          "QM_WEBHOOK_SECRET must be at least " + WebhookConfig.MIN_SECRET_LENGTH + " characters");
    }
    Duration timeout = read.duration("QM_WEBHOOK_TIMEOUT", Duration.ofSeconds(10));
    if (timeout.isZero()) {
      throw new InvalidConfigException("QM_WEBHOOK_TIMEOUT must be longer than zero");
    }
    int attempts = read.integer("QM_WEBHOOK_ATTEMPTS", 5);
    if (attempts < 1) {
      throw new InvalidConfigException("QM_WEBHOOK_ATTEMPTS must be at least 1");
    }
    Duration backoff = read.duration("QM_WEBHOOK_BACKOFF", Duration.ofMillis(500));
    Duration maxBackoff = read.duration("QM_WEBHOOK_MAX_BACKOFF", Duration.ofSeconds(30));
    if (maxBackoff.compareTo(backoff) < 0) {
      throw new InvalidConfigException(
          "QM_WEBHOOK_MAX_BACKOFF must not be shorter than QM_WEBHOOK_BACKOFF");
    }
    return Optional.of(new WebhookConfig(url, secret, timeout, attempts, backoff, maxBackoff));
  }

  private static URI url(String value) {
    URI url;
    try {
      url = new URI(value);
    } catch (URISyntaxException e) {
      throw new InvalidConfigException("QM_WEBHOOK_URL is not a URL: '" + value + "'");
    }
    if (url.getScheme() == null
        || !(url.getScheme().equalsIgnoreCase("http") || url.getScheme().equalsIgnoreCase("https"))
        || url.getHost() == null) {
      throw new InvalidConfigException(
          "QM_WEBHOOK_URL must be an http:// or https:// URL with a host, not '" + value + "'");
    }
    if (url.getUserInfo() != null) {
      // Requests are authenticated by their signature; a password in the URL would end up in logs.
      throw new InvalidConfigException("QM_WEBHOOK_URL must not contain a user or password");
    }
    return url;
  }

  private static InvalidConfigException required(String name, String what) {
    return new InvalidConfigException(name + " is required when QM_PROVIDER=webhook: " + what);
  }
}
