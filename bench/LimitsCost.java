// What the limits cost the request path, in CPU time of the requesting thread (so the figure
// holds on a busy machine, where wall-clock throughput would not). It does what the service does
// per request, with the same libraries and settings:
//
//   rate limit: io.quartermaster.limit.Buckets.take: the Caffeine cache lookup of the caller's
//     Bucket4j bucket (expire-after-access, bounded size, the service clock as ticker and time
//     meter) and one tryConsumeAndReturnRemaining(1); for one hot caller, and for 10,000 callers
//     in turn (every lookup a different entry, as under many callers);
//   slow-client guard: io.quartermaster.http.SlowClientGuard's three calls per request (request
//     line, headers, answer): a thread-local read, nanoTime and a deadline write each.
//
//   after ./qm build:
//   java -cp 'target/classes:target/lib/*' bench/LimitsCost.java
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

public class LimitsCost {

  static final Clock CLOCK = Clock.systemUTC();
  static final TimeMeter TIME =
      new TimeMeter() {
        public long currentTimeNanos() {
          return CLOCK.millis() * 1_000_000L;
        }

        public boolean isWallClockBased() {
          return true;
        }
      };

  static final ThreadLocal<AtomicLong> CURRENT = ThreadLocal.withInitial(AtomicLong::new);

  public static void main(String[] args) {
    // A rate no caller reaches, so every request is let through, as for well-behaved callers.
    long requests = 1_000_000_000L;
    Duration period = Duration.ofSeconds(1);
    Cache<String, Bucket> buckets =
        Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofSeconds(2))
            .ticker(TIME::currentTimeNanos)
            .build();
    String[] callers = new String[10_000];
    for (int i = 0; i < callers.length; i++) {
      callers[i] = "user:" + java.util.UUID.randomUUID();
    }
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    int perRound = 2_000_000;
    long sink = 0;
    for (int round = 1; round <= 5; round++) {
      long start = cpu.getCurrentThreadCpuTime();
      for (int i = 0; i < perRound; i++) {
        sink += take(buckets, callers[0], requests, period);
      }
      double hot = (cpu.getCurrentThreadCpuTime() - start) / (double) perRound;

      start = cpu.getCurrentThreadCpuTime();
      for (int i = 0; i < perRound; i++) {
        sink += take(buckets, callers[i % callers.length], requests, period);
      }
      double many = (cpu.getCurrentThreadCpuTime() - start) / (double) perRound;

      start = cpu.getCurrentThreadCpuTime();
      for (int i = 0; i < perRound; i++) {
        sink += guard();
      }
      double guard = (cpu.getCurrentThreadCpuTime() - start) / (double) perRound;
      System.out.printf(
          "round %d: rate limit %.0f ns (one caller), %.0f ns (10,000 callers); slow-client guard"
              + " %.0f ns; CPU per request%n",
          round, hot, many, guard);
    }
    System.out.println("buckets: " + buckets.estimatedSize() + " (" + (sink != 0) + ")");
  }

  static long take(Cache<String, Bucket> buckets, String key, long requests, Duration period) {
    Bucket bucket =
        buckets.get(
            key,
            k ->
                Bucket.builder()
                    .addLimit(limit -> limit.capacity(requests).refillGreedy(requests, period))
                    .withCustomTimePrecision(TIME)
                    .build());
    return bucket.tryConsumeAndReturnRemaining(1).isConsumed() ? 1 : 0;
  }

  /** Request line in (header deadline), headers in (no body: none), answer started (none). */
  static long guard() {
    AtomicLong deadline = CURRENT.get();
    deadline.set(System.nanoTime() + 20_000_000_000L);
    AtomicLong again = CURRENT.get();
    long current = again.get();
    again.compareAndSet(current, 0);
    AtomicLong last = CURRENT.get();
    long now = last.get();
    if (now != 0) {
      last.compareAndSet(now, 0);
    }
    return now;
  }
}
