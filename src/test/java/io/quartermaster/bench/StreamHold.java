package io.quartermaster.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds many event streams open on one server and reports its memory: resident set before, with all
 * streams open and idle, and after one order's events reached every stream (with how long the
 * slowest took). Run by {@code bench/event-streams.sh}; only loopback traffic, bounded in time.
 */
public final class StreamHold {

  private StreamHold() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> arg = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      arg.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    String url = arg.get("url");
    String token = arg.get("token");
    String project = arg.get("project");
    int streams = Integer.parseInt(arg.getOrDefault("streams", "1000"));
    long pid = Long.parseLong(arg.get("pid"));
    Duration idle = Duration.ofSeconds(Long.parseLong(arg.getOrDefault("idle-seconds", "20")));

    System.out.printf("server RSS before: %d MiB%n", rssMiB(pid));
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    CountDownLatch open = new CountDownLatch(streams);
    CountDownLatch done = new CountDownLatch(streams);
    ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();
    List<InputStream> bodies = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < streams; i++) {
      Thread.ofVirtual()
          .start(
              () -> {
                HttpRequest request =
                    HttpRequest.newBuilder(URI.create(url + "/v1/" + project + "/events"))
                        .header("X-Auth-Token", token)
                        .header("Accept", "text/event-stream")
                        .build();
                try {
                  HttpResponse<InputStream> response =
                      http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                  synchronized (bodies) {
                    bodies.add(response.body());
                  }
                  open.countDown();
                  try (BufferedReader lines =
                      new BufferedReader(
                          new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                      if (line.equals("event:order.successed")) {
                        arrivals.add(System.nanoTime());
                        done.countDown();
                      }
                    }
                  }
                } catch (IOException e) {
                  // closed at the end of the run
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
    }
    if (!open.await(120, TimeUnit.SECONDS)) {
      throw new IllegalStateException("only " + (streams - open.getCount()) + " streams opened");
    }
    System.out.printf("%d streams open after %.1f s%n", streams, (System.nanoTime() - start) / 1e9);
    Thread.sleep(idle);
    System.out.printf(
        "server RSS with %d idle streams (after %d s): %d MiB%n",
        streams, idle.toSeconds(), rssMiB(pid));

    long placed = System.nanoTime();
    HttpRequest create =
        HttpRequest.newBuilder(URI.create(url + "/v2/" + project + "/pools"))
            .header("X-Auth-Token", token)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    """
                    {"apiVersion":"v2","kind":"Pool","metadata":{"labels":{"os.modelarts/name":\
                    "hold-%d"}},"spec":{"resources":[{"flavor":"modelarts.vm.cpu.2u.d","count":1}]}}"""
                        .formatted(System.currentTimeMillis() % 100000)))
            .build();
    HttpResponse<String> created = http.send(create, HttpResponse.BodyHandlers.ofString());
    if (created.statusCode() != 200) {
      throw new IllegalStateException("pool not created: " + created.body());
    }
    if (!done.await(120, TimeUnit.SECONDS)) {
      throw new IllegalStateException(done.getCount() + " streams missed the order's end");
    }
    long slowest = arrivals.stream().mapToLong(t -> t - placed).max().orElse(0);
    System.out.printf(
        "an order's events reached all %d streams; the last saw its end %.0f ms after placing%n",
        streams, slowest / 1e6);
    System.out.printf("server RSS after: %d MiB%n", rssMiB(pid));
    synchronized (bodies) {
      for (InputStream body : bodies) {
        body.close();
      }
    }
    http.shutdownNow();
  }

  static long rssMiB(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    throw new IllegalStateException("no VmRSS for " + pid);
  }
}
