package io.quartermaster.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A plain HTTP client for the service under test, optionally carrying a token. */
public final class ApiClient {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String baseUrl;
  private final String token;
  private final Map<String, String> extraHeaders;

  public ApiClient(String baseUrl, String token) {
    this(baseUrl, token, Map.of());
  }

  private ApiClient(String baseUrl, String token, Map<String, String> extraHeaders) {
    this.baseUrl = baseUrl;
    this.token = token;
    this.extraHeaders = Map.copyOf(extraHeaders);
  }

  public ApiClient withToken(String newToken) {
    return new ApiClient(baseUrl, newToken, extraHeaders);
  }

  public ApiClient withHeader(String name, String value) {
    Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
    headers.put(name, value);
    return new ApiClient(baseUrl, token, headers);
  }

  public String baseUrl() {
    return baseUrl;
  }

  public String token() {
    return token;
  }

  public HttpResult get(String path) {
    return send("GET", path, null);
  }

  public HttpResult delete(String path) {
    return send("DELETE", path, null);
  }

  public HttpResult post(String path, Object body) {
    return send("POST", path, body);
  }

  public HttpResult patch(String path, Object body) {
    return send("PATCH", path, body);
  }

  /** Sends {@code body} as JSON: a String is sent as it is, anything else is serialized. */
  public HttpResult send(String method, String path, Object body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("X-Auth-Token", token);
    }
    extraHeaders.forEach(request::header);
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      if (!extraHeaders.containsKey("Content-Type")) {
        request.header("Content-Type", "application/json");
      }
      request.method(method, HttpRequest.BodyPublishers.ofString(asJson(body)));
    }
    try {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new HttpResult(
          response.statusCode(), response.headers(), response.body(), parse(response.body()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String asJson(Object body) {
    if (body instanceof String s) {
      return s;
    }
    try {
      return Json.mapper().writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return Json.mapper().readTree(body);
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
