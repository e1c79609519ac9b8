package io.quartermaster.engine;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provider endpoint that behaves as the webhook protocol asks of an operator: each idempotency
 * key is carried out (settled) once, after {@code workTime}, and a request repeating a key is
 * answered with the first outcome at once. It counts both, so a test can tell "provisioned twice"
 * (a key settled twice: impossible here by construction, so it counts the settlements it would have
 * made) from "asked twice" (a repeat after a run was cut off, which the protocol allows).
 */
final class SettlingEndpoint implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Duration workTime;
  private final Map<String, AtomicInteger> callsPerKey = new ConcurrentHashMap<>();
  private final Map<String, Boolean> settled = new ConcurrentHashMap<>();

  SettlingEndpoint(Duration workTime) {
    this.workTime = workTime;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/items", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/items");
  }

  /** How many distinct keys were carried out. */
  int settledKeys() {
    return settled.size();
  }

  /** How many requests repeated a key already seen. */
  int repeatedCalls() {
    return callsPerKey.values().stream().mapToInt(n -> n.get() - 1).sum();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
      int calls = callsPerKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
      if (calls == 1) {
        Thread.sleep(workTime.toMillis());
        if (settled.putIfAbsent(key, true) != null) {
          throw new AssertionError("key " + key + " settled twice");
        }
      }
      byte[] answer = "{\"status\":\"succeeded\"}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, answer.length);
      exchange.getResponseBody().write(answer);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.close();
  }
}
