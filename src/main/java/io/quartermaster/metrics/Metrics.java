package io.quartermaster.metrics;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The service's meters, in one registry that {@code GET /metrics} writes out in Prometheus' text
 * format. Parts of the service record into {@link #registry()} (the engine, the HTTP filter) or
 * through the small recorders here ({@link #eventStreams()}, {@link #webhookDeliveries()}); the
 * state that lives in the database is read when Prometheus scrapes ({@link DatabaseGauges}).
 *
 * <p>Switched off, the registry is an empty composite: meters registered with it record nothing and
 * cost next to nothing, so the parts need not know whether metrics are on.
 */
public final class Metrics implements AutoCloseable {

  private final MeterRegistry registry;
  private final Optional<PrometheusMeterRegistry> prometheus;
  private final JvmGcMetrics gc;
  private final EventStreamMetrics eventStreams;
  private final WebhookDeliveryMetrics webhookDeliveries;

  private Metrics(Optional<PrometheusMeterRegistry> prometheus) {
    this.prometheus = prometheus;
    this.registry = prometheus.<MeterRegistry>map(p -> p).orElseGet(CompositeMeterRegistry::new);
    this.gc = new JvmGcMetrics();
    if (prometheus.isPresent()) {
      new JvmMemoryMetrics().bindTo(registry);
      new JvmThreadMetrics().bindTo(registry);
      new ClassLoaderMetrics().bindTo(registry);
      new ProcessorMetrics().bindTo(registry);
      new UptimeMetrics().bindTo(registry);
      gc.bindTo(registry);
    }
    this.eventStreams = new EventStreamMetrics(registry);
    this.webhookDeliveries = new WebhookDeliveryMetrics(registry);
  }

  /**
   * Meters that {@code /metrics} serves, or, when {@code config} is off, meters that do nothing.
   */
  public static Metrics create(MetricsConfig config) {
    return new Metrics(
        config.enabled()
            ? Optional.of(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
            : Optional.empty());
  }

  /** Meters that record nothing, for parts built outside the application (tests). */
  public static Metrics none() {
    return create(MetricsConfig.OFF);
  }

  public boolean enabled() {
    return prometheus.isPresent();
  }

  /** The registry to add meters to; names follow Micrometer's dotted convention. */
  public MeterRegistry registry() {
    return registry;
  }

  /** The gauge of open event streams, for the event-stream endpoints. */
  public EventStreamMetrics eventStreams() {
    return eventStreams;
  }

  /** The counters and latency of outgoing notification deliveries. */
  public WebhookDeliveryMetrics webhookDeliveries() {
    return webhookDeliveries;
  }

  /** Reports the connection pool's use (Hikari's own Micrometer meters: hikaricp_*). */
  public void bindConnectionPool(DataSource dataSource) {
    if (enabled() && dataSource instanceof HikariDataSource hikari) {
      hikari.setMetricRegistry(registry);
    }
  }

  /** Everything registered, in Prometheus' text format 0.0.4. */
  String scrape() {
    return prometheus.orElseThrow(() -> new IllegalStateException("metrics are off")).scrape();
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
