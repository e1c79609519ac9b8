package io.quartermaster.engine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quartermaster.metrics.LatencyBuckets;
import io.quartermaster.order.ItemAction;
import io.quartermaster.order.ItemStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the engine reports: each provider call's latency and outcome ({@code
 * qm_provider_calls_seconds{provider,action,outcome}}, where {@code error} means the provider could
 * not answer and the call will be retried) and every item settled ({@code
 * qm_order_items_settled_total{action,status}}). Every combination is registered up front, so that
 * each series exists, at zero, from the start and {@code rate()} sees its first increase.
 */
final class EngineMeters {

  private static final List<String> OUTCOMES = List.of("succeeded", "failed", "error");
  private static final List<ItemStatus> SETTLED = List.of(ItemStatus.SUCCEED, ItemStatus.FAILED);

  private final Map<String, Timer> calls = new HashMap<>();
  private final Map<String, Counter> settled = new HashMap<>();

  EngineMeters(MeterRegistry registry, String provider) {
    for (ItemAction action : ItemAction.values()) {
      for (String outcome : OUTCOMES) {
        calls.put(
            action + "/" + outcome,
            Timer.builder("qm.provider.calls")
                .description("Calls of the provider, by action and outcome")
                .tag("provider", provider)
                .tag("action", action.wire())
                .tag("outcome", outcome)
                .serviceLevelObjectives(LatencyBuckets.bounds())
                .register(registry));
      }
      for (ItemStatus status : SETTLED) {
        settled.put(
            action + "/" + status,
            Counter.builder("qm.order.items.settled")
                .description("Order items carried out by this instance, by how they ended")
                .tag("action", action.wire())
                .tag("status", status.wire())
                .register(registry));
      }
    }
  }

  /** {@code target} with every call timed. */
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
          calls
              .get(request.action() + "/" + outcome)
              .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
      }

      @Override
      public String name() {
        return target.name();
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
  void itemSettled(ItemAction action, ItemStatus status) {
    settled.get(action + "/" + status).increment();
  }
}
