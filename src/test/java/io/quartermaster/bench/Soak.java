package io.quartermaster.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The soak: measures the peak of a mixed load (see {@link SoakLoad}) briefly, then holds about 80%
 * of it and records, every minute, the server's resident memory, its open file descriptors, the
 * database's client connections and the p99 of the calls of that minute. At the end it prints each
 * series' slope and whether it is flat (no leak). Run by {@code bench/soak.sh}.
 */
public final class Soak {

  private static final int MAX_OUTSTANDING = 512;

  private Soak() {}

  /** One minute of the hold. */
  record Minute(
      int minute,
      double rate,
      double p99Millis,
      long errors,
      long skipped,
      double rssMiB,
      long fds,
      long dbConnections,
      int streams) {}

  public static void main(String[] args) throws Exception {
    Map<String, String> arg = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      arg.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    String base = arg.get("url");
    String token = arg.get("token");
    String project = arg.get("project");
    long pid = Long.parseLong(arg.get("pid"));
    String jdbcUrl = arg.get("jdbc");
    Duration duration = Duration.parse(arg.getOrDefault("duration", "PT30M"));
    int peakSeconds = Integer.parseInt(arg.getOrDefault("peak-seconds", "20"));
    int concurrency = Integer.parseInt(arg.getOrDefault("concurrency", "32"));
    int streams = Integer.parseInt(arg.getOrDefault("streams", "20"));
    double share = Double.parseDouble(arg.getOrDefault("share", "0.8"));

    List<String> orders = readPools(base, token, project);
    SoakLoad load = new SoakLoad(base, token, project, orders, 50);
    load.holdStreams(streams);

    // The first run warms the server's JIT and caches up; the second is the measure.
    peak(load, concurrency, peakSeconds / 2);
    double peak = peak(load, concurrency, peakSeconds);
    double rate = peak * share;
    System.out.printf(
        "peak: %.0f calls/s with %d callers over %d s; holding %.0f calls/s (%.0f%%) for %s,"
            + " %d event streams open%n",
        peak, concurrency, peakSeconds, rate, share * 100, duration, streams);
    System.out.println("minute  calls/s  p99 ms  errors  skipped  RSS MiB  fds  db conns  streams");
    List<Minute> minutes = new ArrayList<>();
    try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
      long total = duration.toMinutes();
      for (int m = 1; m <= total; m++) {
        Minute minute = hold(load, rate, m, pid, db);
        minutes.add(minute);
        System.out.printf(
            "%6d  %7.0f  %6.1f  %6d  %7d  %7.0f  %3d  %8d  %7d%n",
            minute.minute(),
            minute.rate(),
            minute.p99Millis(),
            minute.errors(),
            minute.skipped(),
            minute.rssMiB(),
            minute.fds(),
            minute.dbConnections(),
            minute.streams());
      }
    }
    load.stop();
    boolean flat = verdict(minutes);
    System.exit(flat ? 0 : 1);
  }

  /** Ten pools to read, and their orders to show. */
  private static List<String> readPools(String base, String token, String project)
      throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    for (int i = 0; i < 10; i++) {
      String body =
          """
          {"apiVersion":"v2","kind":"Pool","metadata":{"labels":{"os.modelarts/name":"read-%d"}},\
          "spec":{"resources":[{"flavor":"modelarts.vm.cpu.2u.d","count":2}]}}"""
              .formatted(i);
      http.send(
          HttpRequest.newBuilder(URI.create(base + "/v2/" + project + "/pools"))
              .header("X-Auth-Token", token)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.discarding());
    }
    String list =
        http.send(
                HttpRequest.newBuilder(URI.create(base + "/v1/" + project + "/orders"))
                    .header("X-Auth-Token", token)
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    List<String> names = new ArrayList<>();
    io.quartermaster.json.Json.mapper()
        .readTree(list)
        .path("items")
        .forEach(o -> names.add(o.path("orderName").asText()));
    return names;
  }

  /** Calls per second of {@code callers} calling back to back. */
  private static double peak(SoakLoad load, int callers, int seconds) throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    load.drain();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < callers; i++) {
        pool.submit(
            () -> {
              while (System.nanoTime() < until) {
                load.call();
              }
            });
      }
    }
    return load.drain().size() / (double) seconds;
  }

  /**
   * One minute of calls started at {@code rate} per second whatever the answers' pace (an open
   * loop), at most {@link #MAX_OUTSTANDING} at once; then the minute's samples.
   */
  private static Minute hold(SoakLoad load, double rate, int minute, long pid, Connection db)
      throws InterruptedException, IOException, SQLException {
    AtomicInteger outstanding = new AtomicInteger();
    long skipped = 0;
    long began = System.nanoTime();
    long end = began + Duration.ofMinutes(1).toNanos();
    double owed = 0;
    long tick = began;
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      while (tick < end) {
        tick += Duration.ofMillis(10).toNanos();
        long wait = tick - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(Duration.ofNanos(wait));
        }
        owed += rate / 100;
        for (; owed >= 1; owed--) {
          if (outstanding.get() >= MAX_OUTSTANDING) {
            skipped++;
            continue;
          }
          outstanding.incrementAndGet();
          pool.submit(
              () -> {
                try {
                  load.call();
                } finally {
                  outstanding.decrementAndGet();
                }
              });
        }
      }
    }
    List<SoakLoad.Call> calls = load.drain();
    double seconds = (System.nanoTime() - began) / 1e9;
    long[] nanos = calls.stream().mapToLong(SoakLoad.Call::nanos).sorted().toArray();
    double p99 =
        nanos.length == 0 ? 0 : nanos[(int) Math.min(nanos.length - 1, nanos.length * 0.99)] / 1e6;
    long errors = calls.stream().filter(c -> !c.ok()).count();
    return new Minute(
        minute,
        calls.size() / seconds,
        p99,
        errors,
        skipped,
        rssMiB(pid),
        fds(pid),
        dbConnections(db),
        load.openStreams());
  }

  private static double rssMiB(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
      }
    }
    return 0;
  }

  private static long fds(long pid) throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
      return fds.count();
    }
  }

  /** The database's client connections, less the soak's own. */
  private static long dbConnections(Connection db) throws SQLException {
    try (Statement statement = db.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "select count(*) from pg_stat_activity where backend_type = 'client backend'"
                    + " and pid <> pg_backend_pid()")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * Each series' slope per minute over the hold after its first minute (warm-up), and the change it
   * projects over those minutes. The slope is Theil-Sen's (the median of the slopes between every
   * two minutes), so that a minute or two of a shared machine's noise does not make the trend.
   * Flat: memory and p99 rise less than 10% and 50% of their median (p99 is the noisier),
   * descriptors and connections by fewer than 5 and 2. A fall is no leak, so it passes.
   */
  private static boolean verdict(List<Minute> minutes) {
    List<Minute> steady = minutes.size() > 2 ? minutes.subList(1, minutes.size()) : minutes;
    boolean flat = true;
    flat &= series("RSS MiB", steady.stream().mapToDouble(Minute::rssMiB).toArray(), 0.10, 0);
    flat &= series("fds", steady.stream().mapToDouble(Minute::fds).toArray(), 0, 5);
    flat &= series("db conns", steady.stream().mapToDouble(Minute::dbConnections).toArray(), 0, 2);
    flat &= series("p99 ms", steady.stream().mapToDouble(Minute::p99Millis).toArray(), 0.50, 0);
    System.out.println(flat ? "verdict: flat" : "verdict: NOT FLAT");
    return flat;
  }

  private static boolean series(String name, double[] values, double share, double absolute) {
    int n = values.length;
    List<Double> slopes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        slopes.add((values[j] - values[i]) / (j - i));
      }
    }
    double slope = median(slopes.stream().mapToDouble(Double::doubleValue).toArray());
    double projected = slope * Math.max(1, n - 1);
    double median = median(values);
    double allowed = Math.max(absolute, share * median);
    boolean flat = projected <= allowed;
    System.out.printf(
        "%-9s slope %+.2f/min, %+.1f over %d min (median %.1f, allowed +%.1f): %s%n",
        name,
        slope,
        projected,
        n,
        median,
        allowed,
        flat ? (projected < -allowed ? "falling" : "flat") : "RISING");
    return flat;
  }

  private static double median(double[] values) {
    if (values.length == 0) {
      return 0;
    }
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}
