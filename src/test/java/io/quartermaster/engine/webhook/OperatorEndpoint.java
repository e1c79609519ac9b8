package io.quartermaster.engine.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quartermaster.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The operator's side for tests: a real HTTP endpoint on loopback that checks each request's
 * signature the way an operator should, records it, and answers as the test scripted for the
 * request's pool (by default: succeeded).
 */
final class OperatorEndpoint implements AutoCloseable {

  /** One request as received; {@code attempt} counts the requests seen so far with its key. */
  record Call(
      Map<String, String> headers, byte[] body, JsonNode json, int attempt, boolean signed) {

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    String key() {
      return header("Idempotency-Key");
    }

    String action() {
      return json.path("action").asText();
    }
  }

  /** How the endpoint answers a request: a status and a body, or silence for {@code stall}. */
  record Reply(int status, String body, Map<String, String> headers, Duration stall) {

    static Reply succeeded() {
      return json(200, "{\"status\":\"succeeded\"}");
    }

    static Reply failed(String message) {
      return json(200, "{\"status\":\"failed\",\"message\":\"" + message + "\"}");
    }

    static Reply json(int status, String body) {
      return new Reply(status, body, Map.of("Content-Type", "application/json"), Duration.ZERO);
    }

    /** Holds the request without ever answering it (until the endpoint closes). */
    static Reply silent() {
      return new Reply(200, "", Map.of(), Duration.ofSeconds(60));
    }
  }

  interface Script {
    Reply answer(Call call);
  }

  private final String secret;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> attemptsByKey = new ConcurrentHashMap<>();
  private final Map<String, Script> scripts = new ConcurrentHashMap<>();

  private OperatorEndpoint(String secret) throws IOException {
    this.secret = secret;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/quartermaster/items", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  static OperatorEndpoint start(String secret) {
    try {
      return new OperatorEndpoint(secret);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/quartermaster/items");
  }

  /** Answers the requests about pool {@code poolName} with {@code script}. */
  void script(String poolName, Script script) {
    scripts.put(poolName, script);
  }

  /** The requests received about pool {@code poolName}, in the order they arrived. */
  List<Call> calls(String poolName) {
    return calls.stream().filter(c -> poolName.equals(c.json().path("poolName").asText())).toList();
  }

  /** Checks a signature as an operator should: sign again, compare in constant time. */
  static boolean verify(String secret, String timestamp, byte[] body, String header) {
    if (timestamp == null || header == null || !timestamp.matches("\\d{1,12}")) {
      return false;
    }
    String expected = new WebhookSignature(secret).sign(Long.parseLong(timestamp), body);
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII), header.getBytes(StandardCharsets.US_ASCII));
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Map<String, String> headers = new TreeMap<>();
      exchange
          .getRequestHeaders()
          .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
      JsonNode json = Json.mapper().readTree(body);
      String key = headers.get("idempotency-key");
      int attempt = attemptsByKey.merge(key == null ? "" : key, 1, Integer::sum);
      boolean signed =
          verify(
              secret,
              headers.get("x-quartermaster-timestamp"),
              body,
              headers.get("x-quartermaster-signature"));
      Call call = new Call(Map.copyOf(headers), body, json, attempt, signed);
      calls.add(call);
      Reply reply =
          scripts.getOrDefault(json.path("poolName").asText(), c -> Reply.succeeded()).answer(call);
      if (!reply.stall().isZero()) {
        closing.await(reply.stall().toMillis(), TimeUnit.MILLISECONDS);
        return;
      }
      reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
      byte[] answer = reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(reply.status(), answer.length == 0 ? -1 : answer.length);
      exchange.getResponseBody().write(answer);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    executor.close();
  }
}
