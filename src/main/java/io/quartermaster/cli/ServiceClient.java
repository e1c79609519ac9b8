package io.quartermaster.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.signing.CanonicalRequest;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.stream.Stream;

/**
 * The service's HTTP API as the client calls it: one endpoint, one project, one way to
 * authenticate. A refusal becomes a {@link CliException} of its class, a service that cannot be
 * reached one that names the endpoint.
 */
public final class ServiceClient {

  /** One answer of the service; {@code body} is its text exactly as sent. */
  public record Response(int status, String body, HttpHeaders headers, String request) {

    public Optional<String> header(String name) {
      return headers.firstValue(name);
    }

    public Optional<String> requestId() {
      return header("X-Request-Id");
    }

    /** Seconds to wait, from {@code Retry-After}. */
    public Optional<Long> retryAfter() {
      try {
        return header("Retry-After").map(String::strip).map(Long::parseLong);
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }

    public Optional<JsonNode> json() {
      if (body.isBlank()) {
        return Optional.empty();
      }
      try {
        return Optional.of(ClientJson.mapper().readTree(body));
      } catch (JsonProcessingException e) {
        return Optional.empty();
      }
    }

    /** The body as JSON; an answer that is not JSON is a fault of the service. */
    public JsonNode requireJson() {
      return json()
          .orElseThrow(
              () -> CliException.server("the service answered " + request + " with no JSON"));
    }
  }

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final String endpoint;
  private final String projectId;
  private final Credentials credentials;
  private final String loginCommand;
  private final HttpClient http;

  /**
   * @param endpoint e.g. {@code http://localhost:8080}, without a trailing slash
   * @param loginCommand what to tell the user to run when the credentials are refused
   */
  public ServiceClient(
      String endpoint, String projectId, Credentials credentials, String loginCommand) {
    this.endpoint = endpoint;
    this.projectId = projectId;
    this.credentials = credentials;
    this.loginCommand = loginCommand;
    // HTTP/1.1: on plain http the default would first try an h2c upgrade with every request.
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();
  }

  public String endpoint() {
    return endpoint;
  }

  public String projectId() {
    return projectId;
  }

  public Credentials credentials() {
    return credentials;
  }

  /** {@code /v1/{project_id}/...} with each segment encoded. */
  public String v1(String... segments) {
    return path("v1", projectId, segments);
  }

  /** {@code /v2/{project_id}/...} with each segment encoded. */
  public String v2(String... segments) {
    return path("v2", projectId, segments);
  }

  /** A path of encoded segments, e.g. {@code path("v3", "users", id)}. */
  public static String path(String first, String second, String... rest) {
    StringJoiner path = new StringJoiner("/", "/", "");
    path.add(CanonicalRequest.encode(first)).add(CanonicalRequest.encode(second));
    for (String segment : rest) {
      path.add(CanonicalRequest.encode(segment));
    }
    return path.toString();
  }

  public JsonNode get(String path) {
    return get(path, Map.of());
  }

  public JsonNode get(String path, Map<String, String> query) {
    return call("GET", path, query, null, null).requireJson();
  }

  /** A request whose refusal throws; answers the response, which may have no body. */
  public Response call(
      String method, String path, Map<String, String> query, JsonNode body, String contentType) {
    Response response = send(method, path, query, body, contentType);
    if (response.status() >= 300) {
      throw ServiceErrors.of(response, loginCommand);
    }
    return response;
  }

  /** The error a refusal stands for, as {@link #call} throws it. */
  public CliException refusal(Response response) {
    return ServiceErrors.of(response, loginCommand);
  }

  public Response post(String path, JsonNode body) {
    return call("POST", path, Map.of(), body, "application/json");
  }

  /** Sends and answers whatever the service answered; only an unreachable service throws. */
  public Response send(
      String method, String path, Map<String, String> query, JsonNode body, String contentType) {
    return send(method, path, query, body, contentType, Map.of());
  }

  /** {@link #send} with {@code headers} added to the request. */
  public Response send(
      String method,
      String path,
      Map<String, String> query,
      JsonNode body,
      String contentType,
      Map<String, String> headers) {
    Map<String, String> params = new LinkedHashMap<>();
    query.forEach(
        (name, value) -> {
          if (value != null) {
            params.put(name, value);
          }
        });
    URI uri = URI.create(endpoint + path + queryString(params));
    byte[] bytes = body == null ? new byte[0] : body.toString().getBytes(StandardCharsets.UTF_8);
    HttpRequest.Builder request =
        signed(method, uri, path, params, bytes, "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(bytes));
    if (body != null) {
      request.header("Content-Type", contentType);
    }
    headers.forEach(request::header);
    String what = method + " " + path;
    try {
      HttpResponse<String> answer =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Response(answer.statusCode(), answer.body(), answer.headers(), what);
    } catch (HttpTimeoutException e) {
      throw CliException.server(
          "Quartermaster at " + endpoint + " did not answer " + what + " in time");
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliException.server("interrupted while waiting for " + endpoint);
    }
  }

  /**
   * Opens a {@code text/event-stream} at {@code path}, signed as every other request, and answers
   * the response with its body as lines still to be read (closing the stream ends the request).
   * Only an unreachable service throws; a refusal is the caller's to read from the status.
   */
  public HttpResponse<Stream<String>> openStream(String path, Map<String, String> headers) {
    URI uri = URI.create(endpoint + path);
    HttpRequest.Builder request =
        signed("GET", uri, path, Map.of(), new byte[0], "text/event-stream").GET();
    headers.forEach(request::header);
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliException.server("interrupted while waiting for " + endpoint);
    }
  }

  /** A request to {@code uri} with the client's own headers and the credentials' signature. */
  private HttpRequest.Builder signed(
      String method, URI uri, String path, Map<String, String> params, byte[] body, String accept) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(REQUEST_TIMEOUT)
            .header("Accept", accept)
            .header("User-Agent", "qm/0.1.0");
    credentials.headers(method, uri, decodedPath(path), params, body).forEach(request::header);
    return request;
  }

  private CliException unreachable(IOException e) {
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof ConnectException && (e.getMessage() == null || e.getMessage().isBlank())) {
      reason = "connection refused";
    }
    return CliException.server("cannot reach Quartermaster at " + endpoint + ": " + reason);
  }

  private static String queryString(Map<String, String> params) {
    if (params.isEmpty()) {
      return "";
    }
    StringJoiner query = new StringJoiner("&", "?", "");
    params.forEach(
        (name, value) ->
            query.add(CanonicalRequest.encode(name) + "=" + CanonicalRequest.encode(value)));
    return query.toString();
  }

  /** The path as the server decodes it, which is what the signature covers. */
  private static String decodedPath(String path) {
    return URI.create(path).getPath();
  }
}
