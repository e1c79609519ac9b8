package io.quartermaster.engine;

import io.quartermaster.engine.webhook.WebhookConfig;
import java.time.Duration;
import java.util.Optional;

/**
 * How the order engine runs.
 *
 * @param workers orders carried out at once by this instance
 * @param pollInterval how often an idle instance looks for orders placed by other instances
 * @param heartbeatInterval how often a running order says it is alive; an order whose instance
 *     stayed silent for {@code missedHeartbeats} intervals is taken over by another instance
 * @param simulatedNodeTime how long the simulated provider takes per node
 * @param webhook the operator's endpoint that carries out order items; empty for the simulated
 *     provider
 */
public record EngineConfig(
    int workers,
    Duration pollInterval,
    Duration heartbeatInterval,
    int missedHeartbeats,
    int maxRetries,
    Duration retryBackoff,
    Duration simulatedNodeTime,
    Optional<WebhookConfig> webhook) {

  public EngineConfig {
    if (workers < 1 || missedHeartbeats < 1 || maxRetries < 0) {
      throw new IllegalArgumentException("engine workers and missed heartbeats must be positive");
    }
  }

  /** The same engine, carrying out items through {@code newWebhook}. */
  public EngineConfig withWebhook(WebhookConfig newWebhook) {
    return new EngineConfig(
        workers,
        pollInterval,
        heartbeatInterval,
        missedHeartbeats,
        maxRetries,
        retryBackoff,
        simulatedNodeTime,
        Optional.of(newWebhook));
  }
}
