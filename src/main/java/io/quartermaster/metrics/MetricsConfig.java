package io.quartermaster.metrics;

import java.util.OptionalInt;

/**
 * Whether {@code GET /metrics} is served, and where.
 *
 * @param enabled false ({@code QM_METRICS=off}): no {@code /metrics} anywhere, nothing recorded
 * @param port a port of its own ({@code QM_METRICS_PORT}; 0 picks a free one), or empty for the
 *     API's port
 */
public record MetricsConfig(boolean enabled, OptionalInt port) {

  public static final MetricsConfig DEFAULT = new MetricsConfig(true, OptionalInt.empty());

  public static final MetricsConfig OFF = new MetricsConfig(false, OptionalInt.empty());

  public MetricsConfig {
    if (port.isPresent() && (port.getAsInt() < 0 || port.getAsInt() > 65535)) {
      throw new IllegalArgumentException("metrics port out of range: " + port.getAsInt());
    }
  }

  /** Metrics on a port of their own. */
  public static MetricsConfig onPort(int port) {
    return new MetricsConfig(true, OptionalInt.of(port));
  }
}
