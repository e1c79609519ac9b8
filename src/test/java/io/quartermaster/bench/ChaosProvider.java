package io.quartermaster.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quartermaster.json.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The provisioning endpoint of the chaos campaign: a webhook receiver that keeps the idempotency
 * contract of {@code docs/webhook-provider.md} (a key is carried out once, a repeated key is
 * answered with its first outcome, a key still being worked on gets a 503) and fails a share of the
 * calls: half of those as a transient HTTP 500 that settles nothing, half as a settled failure.
 * What it settled, per key, is the provider's side of the campaign's audit.
 */
public final class ChaosProvider implements AutoCloseable {

  /** The message of an injected settled failure; orders that fail by it name it. */
  public static final String INJECTED_FAILURE = "injected provider failure";

  /** What the provider did under one idempotency key. */
  public record Settlement(
      String action, String poolName, String resourceName, boolean succeeded) {}

  private final HttpServer server;
  private final double failureRate;
  private final Duration maxLatency;
  private final Map<String, Settlement> settled = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final AtomicInteger overlapping = new AtomicInteger();
  private final AtomicInteger transientFailures = new AtomicInteger();

  private ChaosProvider(HttpServer server, double failureRate, Duration maxLatency) {
    this.server = server;
    this.failureRate = failureRate;
    this.maxLatency = maxLatency;
  }

  /** Starts on a free loopback port; each call takes up to {@code maxLatency}. */
  public static ChaosProvider start(double failureRate, Duration maxLatency) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    ChaosProvider provider = new ChaosProvider(server, failureRate, maxLatency);
    server.createContext("/provision", provider::handle);
    server.start();
    return provider;
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/provision");
  }

  /** Every key the provider settled, with what it did. */
  public Map<String, Settlement> settled() {
    return Map.copyOf(settled);
  }

  /** Keys that were delivered more than once (after a crash or a transient failure). */
  public long redeliveredKeys() {
    return deliveries.values().stream().filter(n -> n.get() > 1).count();
  }

  public long deliveries() {
    return deliveries.values().stream().mapToLong(AtomicInteger::get).sum();
  }

  /**
   * Deliveries of a key that arrived while an earlier delivery of the same key was still being
   * carried out: two callers working on one item at once.
   */
  public int overlappingDeliveries() {
    return overlapping.get();
  }

  public int transientFailures() {
    return transientFailures.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      JsonNode body = Json.mapper().readTree(exchange.getRequestBody().readAllBytes());
      String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
      deliveries.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
      Settlement done = settled.get(key);
      if (done != null) {
        answer(exchange, done);
        return;
      }
      if (!inFlight.add(key)) {
        overlapping.incrementAndGet();
        exchange.getResponseHeaders().add("Retry-After", "1");
        send(exchange, 503, "{\"message\":\"still working on this key\"}");
        return;
      }
      try {
        carryOut(exchange, key, body);
      } finally {
        inFlight.remove(key);
      }
    }
  }

  private void carryOut(HttpExchange exchange, String key, JsonNode body) throws IOException {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    try {
      Thread.sleep(random.nextLong(maxLatency.toMillis() + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    double roll = random.nextDouble();
    if (roll < failureRate / 2) {
      transientFailures.incrementAndGet();
      send(exchange, 500, "{\"message\":\"injected outage\"}");
      return;
    }
    Settlement settlement =
        new Settlement(
            body.path("action").asText(),
            body.path("poolName").asText(),
            body.path("resourceName").asText(),
            roll >= failureRate);
    // Recorded before answering: a caller killed while the answer is on its way is answered
    // the same when it (or another instance) asks again.
    settled.put(key, settlement);
    answer(exchange, settlement);
  }

  private static void answer(HttpExchange exchange, Settlement settlement) throws IOException {
    send(
        exchange,
        200,
        settlement.succeeded()
            ? "{\"status\":\"succeeded\"}"
            : "{\"status\":\"failed\",\"message\":\"" + INJECTED_FAILURE + "\"}");
  }

  private static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
