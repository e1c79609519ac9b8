package io.quartermaster.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quartermaster.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver for the tests: a JDK HTTP server that records every notification it is sent
 * (per path, one path per subscription), answers as the test says, and notes how many requests to
 * one path it was handling at once.
 */
final class Receiver implements AutoCloseable {

  /** One request as received. */
  record Delivery(
      String path,
      String id,
      String type,
      String subject,
      long seq,
      String signature,
      String contentType,
      int attempt,
      JsonNode event,
      String body,
      Instant at) {}

  /** What to answer. */
  record Answer(int status, Map<String, String> headers) {
    static Answer ok() {
      return new Answer(204, Map.of());
    }
  }

  /** Decides the answer to a delivery, given how often its id was received before (0 first). */
  interface Answerer {
    Answer answer(Delivery delivery, int seenBefore);
  }

  private final HttpServer server;
  private final List<Delivery> received = new ArrayList<>();
  private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> mostAtOnce = new ConcurrentHashMap<>();
  private final Map<String, Answerer> answerers = new ConcurrentHashMap<>();
  private volatile Duration pause = Duration.ZERO;

  Receiver() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  /** The URL of a path of its own, for one subscription. */
  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + path;
  }

  void answer(String path, Answerer answerer) {
    answerers.put("/" + path, answerer);
  }

  /** Makes every answer take this long, so that overlapping requests would show. */
  void pause(Duration duration) {
    pause = duration;
  }

  List<Delivery> deliveries(String path) {
    synchronized (received) {
      return received.stream().filter(d -> d.path().equals("/" + path)).toList();
    }
  }

  /** The ids received on the path, each once, in the order first received. */
  List<String> distinctIds(String path) {
    return List.copyOf(new LinkedHashSet<>(deliveries(path).stream().map(Delivery::id).toList()));
  }

  /** The most requests to the path that were being handled at the same time. */
  int mostAtOnce(String path) {
    AtomicInteger most = mostAtOnce.get("/" + path);
    return most == null ? 0 : most.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    AtomicInteger now = inFlight.computeIfAbsent(path, p -> new AtomicInteger());
    int concurrent = now.incrementAndGet();
    mostAtOnce
        .computeIfAbsent(path, p -> new AtomicInteger())
        .accumulateAndGet(concurrent, Math::max);
    Answer answer;
    try {
      answer = record(exchange, path);
    } finally {
      // Before the answer goes out: once the sender has it, it may send the next request at once.
      now.decrementAndGet();
    }
    answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    exchange.sendResponseHeaders(answer.status(), -1);
    exchange.close();
  }

  private Answer record(HttpExchange exchange, String path) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    JsonNode event = Json.mapper().readTree(body);
    String attempt = exchange.getRequestHeaders().getFirst(DeliverySender.ATTEMPT_HEADER);
    Delivery delivery =
        new Delivery(
            path,
            event.path("id").asText(),
            event.path("type").asText(),
            event.path("subject").asText(),
            event.at("/data/id").asLong(),
            exchange.getRequestHeaders().getFirst(DeliverySignature.HEADER),
            exchange.getRequestHeaders().getFirst("Content-Type"),
            attempt == null ? 0 : Integer.parseInt(attempt),
            event,
            body,
            Instant.now());
    int seenBefore;
    synchronized (received) {
      seenBefore =
          (int)
              received.stream()
                  .filter(d -> d.path().equals(path) && d.id().equals(delivery.id()))
                  .count();
      received.add(delivery);
    }
    if (!pause.isZero()) {
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Answer(500, Map.of());
      }
    }
    return answerers.getOrDefault(path, (d, n) -> Answer.ok()).answer(delivery, seenBefore);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
