package io.quartermaster.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A plain HTTP client for the service under test, optionally carrying a token or signing its
 * requests with an access key. Every answer is checked against the service's OpenAPI document
 * ({@link OpenApiContract}); a drift fails the test that received it.
 */
public final class ApiClient {

  /** Computes the headers that sign a request, just before it is sent. */
  @FunctionalInterface
  public interface RequestSigner {
    Map<String, String> sign(String method, URI uri, Map<String, String> headers, String body);
  }

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String baseUrl;
  private final String token;
  private final Map<String, String> extraHeaders;
  private final RequestSigner signer;
  private final boolean checked;

  public ApiClient(String baseUrl, String token) {
    this(baseUrl, token, Map.of(), null, true);
  }

  private ApiClient(
      String baseUrl,
      String token,
      Map<String, String> extraHeaders,
      RequestSigner signer,
      boolean checked) {
    this.baseUrl = baseUrl;
    this.token = token;
    this.extraHeaders = Map.copyOf(extraHeaders);
    this.signer = signer;
    this.checked = checked;
  }

  public ApiClient withToken(String newToken) {
    return new ApiClient(baseUrl, newToken, extraHeaders, signer, checked);
  }

  public ApiClient withHeader(String name, String value) {
    Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
    headers.put(name, value);
    return new ApiClient(baseUrl, token, headers, signer, checked);
  }

  /** A client that sends no token and signs each request with {@code newSigner}. */
  public ApiClient withSigner(RequestSigner newSigner) {
    return new ApiClient(baseUrl, null, extraHeaders, newSigner, checked);
  }

  /**
   * A client whose answers are not checked against the OpenAPI document: only for servers with
   * routes of the tests' own, which the document rightly does not describe.
   */
  public ApiClient unchecked() {
    return new ApiClient(baseUrl, token, extraHeaders, signer, false);
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
    Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
    if (token != null) {
      headers.put("X-Auth-Token", token);
    }
    String json = body == null ? "" : asJson(body);
    if (body != null && !extraHeaders.containsKey("Content-Type")) {
      headers.put("Content-Type", "application/json");
    }
    if (signer != null) {
      URI uri = URI.create(baseUrl + path);
      headers.putAll(signer.sign(method, uri, Map.copyOf(headers), json));
    }
    headers.forEach(request::header);
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
    try {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (checked) {
        OpenApiContract.get()
            .check(
                method, response.uri(), response.statusCode(), response.headers(), response.body());
      }
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
