package io.quartermaster.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Outgoing notification deliveries (subscriptions' webhooks): {@code
 * qm_webhook_deliveries_seconds{outcome}}, a latency histogram whose count per outcome is the
 * number of attempts that ended so. Record each attempt once, when its answer (or its failure) is
 * known.
 */
public final class WebhookDeliveryMetrics {

  /** How one delivery attempt ended. */
  public enum Outcome {
    /** The receiver answered 2xx. */
    DELIVERED,
    /** Another answer, a timeout or no connection: the delivery will be retried. */
    FAILED,
    /** The last attempt failed: the delivery is dead-lettered. */
    DEAD_LETTERED
  }

  private final Map<Outcome, Timer> timers = new EnumMap<>(Outcome.class);

  WebhookDeliveryMetrics(MeterRegistry registry) {
    for (Outcome outcome : Outcome.values()) {
      timers.put(
          outcome,
          Timer.builder("qm.webhook.deliveries")
              .description("Notification delivery attempts, by how they ended")
              .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
              .serviceLevelObjectives(LatencyBuckets.bounds())
              .register(registry));
    }
  }

  public void record(Outcome outcome, Duration took) {
    timers.get(outcome).record(took);
  }
}
