package io.quartermaster.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The soak's mixed load on one server: reads (ListOrders, ShowOrder, ListPools, ShowPool),
 * placements (a pool created, and deleted again once its apply order is done, so the number of
 * pools stays bounded) and event streams held open and replaced. Each call's latency is recorded
 * with the minute-of-run it finished in; an answer that is not 2xx (409 aside: a delete that found
 * its pool's apply order still running) counts as an error.
 */
final class SoakLoad {

  /** One finished call: when (ns since the run began), how long it took, whether it went well. */
  record Call(long finishedAt, long nanos, boolean ok) {}

  private static final int PLACEMENT_PERCENT = 1;
  private static final Duration STREAM_LIFETIME = Duration.ofSeconds(30);

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final String base;
  private final String token;
  private final String project;
  private final long start = System.nanoTime();
  private final List<String> orderNames = new ArrayList<>();
  private final ConcurrentLinkedQueue<String> freePools = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<String> createdPools = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
  private final AtomicInteger openStreams = new AtomicInteger();
  private volatile boolean streaming = true;

  SoakLoad(String base, String token, String project, List<String> orderNames, int pools) {
    this.base = base;
    this.token = token;
    this.project = project;
    this.orderNames.addAll(orderNames);
    for (int i = 0; i < pools; i++) {
      freePools.add("soak-" + i);
    }
  }

  /** Calls finished since the last drain. */
  List<Call> drain() {
    List<Call> out = new ArrayList<>();
    for (Call call; (call = calls.poll()) != null; ) {
      out.add(call);
    }
    return out;
  }

  int openStreams() {
    return openStreams.get();
  }

  /** One call of the mix, chosen at random. */
  void call() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int roll = random.nextInt(100);
    if (roll < PLACEMENT_PERCENT) {
      place();
      return;
    }
    String path =
        switch (roll % 4) {
          case 0 -> "/v1/" + project + "/orders?limit=10";
          case 1 ->
              "/v1/" + project + "/orders/" + orderNames.get(random.nextInt(orderNames.size()));
          case 2 -> "/v2/" + project + "/pools";
          default -> "/v2/" + project + "/pools/read-" + random.nextInt(10) + "-" + project;
        };
    timed(request(path).GET());
  }

  private void place() {
    String created = createdPools.poll();
    if (created != null) {
      int status = timed(request("/v2/" + project + "/pools/" + created + "-" + project).DELETE());
      (status == 200 ? freePools : createdPools).add(created);
      return;
    }
    String name = freePools.poll();
    if (name == null) {
      return;
    }
    String body =
        """
        {"apiVersion":"v2","kind":"Pool","metadata":{"labels":{"os.modelarts/name":"%s"}},\
        "spec":{"resources":[{"flavor":"modelarts.vm.cpu.2u.d","count":1}]}}"""
            .formatted(name);
    HttpRequest.Builder post =
        request("/v2/" + project + "/pools")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    int status = timed(post);
    (status == 200 ? createdPools : freePools).add(name);
  }

  /** Keeps {@code count} event streams open, each replaced after {@link #STREAM_LIFETIME}. */
  void holdStreams(int count) {
    for (int i = 0; i < count; i++) {
      long stagger = STREAM_LIFETIME.toMillis() * i / Math.max(1, count);
      Thread.ofVirtual().start(() -> streamForever(stagger));
    }
  }

  void stop() {
    streaming = false;
  }

  private void streamForever(long staggerMillis) {
    sleep(staggerMillis);
    while (streaming) {
      HttpRequest request =
          request("/v1/" + project + "/events")
              .header("Accept", "text/event-stream")
              .timeout(STREAM_LIFETIME)
              .GET()
              .build();
      openStreams.incrementAndGet();
      try (InputStream body =
          http.send(request, HttpResponse.BodyHandlers.ofInputStream()).body()) {
        body.transferTo(java.io.OutputStream.nullOutputStream());
      } catch (IOException e) {
        // The stream's lifetime ran out (the request timeout): open the next one.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        openStreams.decrementAndGet();
      }
    }
  }

  private int timed(HttpRequest.Builder request) {
    long began = System.nanoTime();
    int status;
    try {
      status =
          http.send(
                  request.timeout(Duration.ofSeconds(30)).build(),
                  HttpResponse.BodyHandlers.ofByteArray())
              .statusCode();
    } catch (IOException e) {
      status = -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
    long now = System.nanoTime();
    boolean ok = (status >= 200 && status < 300) || status == 409;
    calls.add(new Call(now - start, now - began, ok));
    return status;
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).header("X-Auth-Token", token);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
