package io.quartermaster.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The recorders other parts of the service report through, as a scrape shows them. */
class MetricsHooksTest {

  @Test
  void openEventStreamsAreAGaugePerKindOfStream() {
    try (Metrics metrics = Metrics.create(MetricsConfig.DEFAULT)) {
      EventStreamMetrics streams = metrics.eventStreams();
      streams.opened(EventStreamMetrics.Stream.PROJECT);
      streams.opened(EventStreamMetrics.Stream.PROJECT);
      streams.opened(EventStreamMetrics.Stream.ORDER);
      streams.closed(EventStreamMetrics.Stream.PROJECT);
      Scrape scrape = Scrape.parse(metrics.scrape());
      assertEquals(1, scrape.value("qm_event_stream_subscribers", Map.of("stream", "project")));
      assertEquals(1, scrape.value("qm_event_stream_subscribers", Map.of("stream", "order")));
    }
  }

  @Test
  void webhookDeliveriesAreTimedByOutcome() {
    try (Metrics metrics = Metrics.create(MetricsConfig.DEFAULT)) {
      WebhookDeliveryMetrics deliveries = metrics.webhookDeliveries();
      deliveries.record(WebhookDeliveryMetrics.Outcome.DELIVERED, Duration.ofMillis(20));
      deliveries.record(WebhookDeliveryMetrics.Outcome.FAILED, Duration.ofSeconds(3));
      deliveries.record(WebhookDeliveryMetrics.Outcome.DEAD_LETTERED, Duration.ofSeconds(3));
      Scrape scrape = Scrape.parse(metrics.scrape());
      String count = "qm_webhook_deliveries_seconds_count";
      assertEquals(1, scrape.value(count, Map.of("outcome", "delivered")));
      assertEquals(1, scrape.value(count, Map.of("outcome", "failed")));
      assertEquals(1, scrape.value(count, Map.of("outcome", "dead_lettered")));
      assertEquals(
          1,
          scrape.value(
              "qm_webhook_deliveries_seconds_bucket",
              Map.of("outcome", "delivered", "le", "0.025")));
    }
  }

  @Test
  void switchedOffTheRecordersRecordNothingAndNothingIsServed() {
    try (Metrics metrics = Metrics.none()) {
      metrics.eventStreams().opened(EventStreamMetrics.Stream.ORDER);
      metrics.webhookDeliveries().record(WebhookDeliveryMetrics.Outcome.DELIVERED, Duration.ZERO);
      org.junit.jupiter.api.Assertions.assertFalse(metrics.enabled());
      org.junit.jupiter.api.Assertions.assertThrows(
          IllegalArgumentException.class, () -> new MetricsService(metrics));
    }
  }
}
