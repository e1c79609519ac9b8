// What recording one request costs the request path, in CPU time of the recording thread (so the
// figure holds on a busy machine, where wall-clock throughput would not). It does what
// io.quartermaster.metrics.RequestMetrics does once a response is sent: build the key of method,
// route and status, find its timer in the map, and record into the timer's histogram. It uses the
// service's own LatencyBuckets and a PrometheusMeterRegistry, as the service does.
//
//   bench/metrics.sh runs it; by hand, after ./qm build:
//   java -cp 'target/classes:target/lib/*' bench/MetricsRecordCost.java
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.quartermaster.metrics.LatencyBuckets;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

public class MetricsRecordCost {

  record Key(String method, String route, int status) {}

  public static void main(String[] args) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ConcurrentHashMap<Key, Timer> timers = new ConcurrentHashMap<>();
    String[] routes = {"/v1/{projectId}/orders", "/v1/{projectId}/orders/{orderName}", "unmatched"};
    int[] statuses = {200, 400, 404};
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    int rounds = 5;
    int perRound = 2_000_000;
    for (int round = 0; round < rounds; round++) {
      long start = cpu.getCurrentThreadCpuTime();
      long wallStart = System.nanoTime();
      for (int i = 0; i < perRound; i++) {
        Key key = new Key("GET", routes[i % 3], statuses[(i / 3) % 3]);
        timers
            .computeIfAbsent(
                key,
                k ->
                    Timer.builder("http.server.requests")
                        .tag("method", k.method())
                        .tag("route", k.route())
                        .tag("status", Integer.toString(k.status()))
                        .serviceLevelObjectives(LatencyBuckets.bounds())
                        .register(registry))
            .record(System.nanoTime() - wallStart, TimeUnit.NANOSECONDS);
      }
      double ns = (cpu.getCurrentThreadCpuTime() - start) / (double) perRound;
      System.out.printf("round %d: %.0f ns of CPU per recorded request%n", round + 1, ns);
    }
    System.out.println("series: " + registry.scrape().lines().filter(l -> !l.startsWith("#")).count());
  }
}
