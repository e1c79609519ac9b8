package io.quartermaster.engine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quartermaster.metrics.LatencyBuckets;
import io.quartermaster.order.ItemAction;

/**
 * What the engine reports: each provider call's latency and outcome ({@code
 * qm_provider_calls_seconds{provider,action,outcome}}, where {@code error} means the provider could
 * not answer and the call will be retried) and every item settled ({@code
 * qm_order_items_settled_total{action,status}}).
 */
final class EngineMeters {

  private final MeterRegistry registry;
  private final String provider;

  EngineMeters(MeterRegistry registry, String provider) {
    this.registry = registry;
    this.provider = provider;
  }

  /** {@code provider} with every call timed. */
  Provider timed(Provider target) {
    return new Provider() {
      @Override
      public ProvisionOutcome apply(ProvisionRequest request) throws Exception {
        long start = System.nanoTime();
        String outcome = "error";
        try {
          ProvisionOutcome answer = target.apply(request);
          outcome = answer instanceof ProvisionOutcome.Succeeded ? "succeeded" : "failed";
          return answer;
        } finally {
          timer(request.action(), outcome).record(System.nanoTime() - start, NANOS);
        }
      }

      @Override
      public void abandon(ProvisionRequest request) throws Exception {
        target.abandon(request);
      }

      @Override
      public void close() {
        target.close();
      }
    };
  }

  /** Counts an item that reached {@code status} ({@code succeed} or {@code failed}). */
  void itemSettled(ItemAction action, String status) {
    Counter.builder("qm.order.items.settled")
        .description("Order items carried out by this instance, by how they ended")
        .tag("action", action.name())
        .tag("status", status)
        .register(registry)
        .increment();
  }

  private Timer timer(ItemAction action, String outcome) {
    return Timer.builder("qm.provider.calls")
        .description("Calls of the provider, by action and outcome")
        .tag("provider", provider)
        .tag("action", action.name())
        .tag("outcome", outcome)
        .serviceLevelObjectives(LatencyBuckets.bounds())
        .register(registry);
  }

  private static final java.util.concurrent.TimeUnit NANOS =
      java.util.concurrent.TimeUnit.NANOSECONDS;
}
