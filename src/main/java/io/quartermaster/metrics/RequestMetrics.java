package io.quartermaster.metrics;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Counts and times every request by method, route template and status: {@code
 * http_server_requests_seconds{method,route,status}}. The route is the pattern the request matched
 * ({@code /v1/{projectId}/orders}), never the raw path, and unknown methods count as {@code OTHER},
 * so the number of series stays bounded whatever callers send. Recording is in memory only: a clock
 * read before the handler, and one map lookup and a histogram update once the response is sent.
 */
public final class RequestMetrics implements Filter {

  /** The route of requests that no route took (they answer 404). */
  static final String UNMATCHED = "unmatched";

  private static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

  private record Key(String method, String route, int status) {}

  private final MeterRegistry registry;
  private final ConcurrentMap<Key, Timer> timers = new ConcurrentHashMap<>();

  public RequestMetrics(Metrics metrics) {
    this.registry = metrics.registry();
  }

  @Override
  public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    long start = System.nanoTime();
    res.whenSent(
        () -> {
          String method = req.prologue().method().text();
          Key key =
              new Key(
                  METHODS.contains(method) ? method : "OTHER",
                  req.matchingPattern().filter(p -> !p.isEmpty()).orElse(UNMATCHED),
                  res.status().code());
          timers.computeIfAbsent(key, this::timer).record(System.nanoTime() - start, NANOS);
        });
    chain.proceed();
  }

  private static final TimeUnit NANOS = TimeUnit.NANOSECONDS;

  private Timer timer(Key key) {
    return Timer.builder("http.server.requests")
        .description("HTTP requests, by route template and status")
        .tag("method", key.method())
        .tag("route", key.route())
        .tag("status", Integer.toString(key.status()))
        .serviceLevelObjectives(LatencyBuckets.bounds())
        .register(registry);
  }
}
