package io.quartermaster.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Server-Sent Events client as a browser's fetch() reader would be: a plain GET with headers
 * (EventSource cannot send any), whose body is parsed by the SSE rules on a thread of its own.
 * Events, comments and the end of the stream arrive in order on {@link #next}.
 */
public final class SseClient implements AutoCloseable {

  /** One event; {@code data} parsed as JSON, {@code received} when its blank line arrived. */
  public record Event(String id, String event, JsonNode data, Instant received) {}

  private static final Event END = new Event(null, "(end)", null, null);

  // A client of its own: closing it is the one way to drop the connection mid-body.
  private final HttpClient http;
  private final String baseUrl;
  private final int status;
  private final HttpHeaders headers;
  private final InputStream body;
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final AtomicInteger comments = new AtomicInteger();
  private final String errorBody;

  private SseClient(HttpClient http, HttpResponse<InputStream> response) throws IOException {
    this.http = http;
    this.baseUrl = response.uri().getScheme() + "://" + response.uri().getRawAuthority();
    this.status = response.statusCode();
    this.headers = response.headers();
    this.body = response.body();
    boolean stream =
        status == 200
            && headers.firstValue("Content-Type").orElse("").startsWith("text/event-stream");
    if (stream) {
      this.errorBody = null;
      Thread.ofVirtual().name("sse-client").start(this::read);
    } else {
      this.errorBody = new String(body.readAllBytes(), StandardCharsets.UTF_8);
      body.close();
      http.shutdownNow();
    }
  }

  /** Opens {@code path} of {@code client}'s server with its token and {@code extraHeaders}. */
  public static SseClient open(ApiClient client, String path, Map<String, String> extraHeaders) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(client.baseUrl() + path)).GET();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "text/event-stream");
    if (client.token() != null) {
      headers.put("X-Auth-Token", client.token());
    }
    headers.putAll(extraHeaders);
    headers.forEach(request::header);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    try {
      SseClient sse =
          new SseClient(
              http, http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
      // As every answer of ApiClient: an error in full, a stream by its status and headers.
      OpenApiContract.get()
          .check(
              "GET",
              URI.create(sse.baseUrl + path),
              sse.status,
              sse.headers,
              sse.errorBody == null ? "" : sse.errorBody);
      return sse;
    } catch (IOException e) {
      http.shutdownNow();
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      http.shutdownNow();
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static SseClient open(ApiClient client, String path) {
    return open(client, path, Map.of());
  }

  public int status() {
    return status;
  }

  public String header(String name) {
    return headers.firstValue(name).orElse(null);
  }

  /** The body of an answer that is not a stream (an error), parsed as JSON. */
  public JsonNode errorJson() {
    try {
      return Json.mapper().readTree(errorBody);
    } catch (JsonProcessingException e) {
      throw new AssertionError("not JSON: " + errorBody, e);
    }
  }

  /** The next event, null when the stream ended; fails after {@code timeout} without either. */
  public Event next(Duration timeout) {
    try {
      Event event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (event == null) {
        throw new AssertionError("no event within " + timeout);
      }
      return event == END ? null : event;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Events until one of type {@code last} (included) or the end of the stream. */
  public List<Event> until(String last, Duration timeout) {
    List<Event> out = new ArrayList<>();
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      Event event = next(Duration.between(Instant.now(), deadline));
      if (event == null) {
        return out;
      }
      out.add(event);
      if (event.event().equals(last)) {
        return out;
      }
    }
  }

  /** Comment lines (heartbeats) seen so far. */
  public int comments() {
    return comments.get();
  }

  private void read() {
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String id = null;
      String type = null;
      StringBuilder data = null;
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.isEmpty()) {
          if (data != null) {
            events.add(
                new Event(
                    id, type == null ? "message" : type, json(data.toString()), Instant.now()));
          }
          id = null;
          type = null;
          data = null;
        } else if (line.startsWith(":")) {
          comments.incrementAndGet();
        } else {
          int colon = line.indexOf(':');
          String field = colon < 0 ? line : line.substring(0, colon);
          String value = colon < 0 ? "" : line.substring(colon + 1);
          if (value.startsWith(" ")) {
            value = value.substring(1);
          }
          switch (field) {
            case "id" -> id = value;
            case "event" -> type = value;
            case "data" ->
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            default -> {}
          }
        }
      }
    } catch (IOException e) {
      // closed by the test, or the connection broke: either way the stream is over
    } finally {
      events.add(END);
    }
  }

  private static JsonNode json(String text) {
    try {
      return Json.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new AssertionError("event data is not JSON: " + text, e);
    }
  }

  /** Drops the connection, as a client that goes away does. */
  @Override
  public void close() {
    http.shutdownNow();
    try {
      body.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
