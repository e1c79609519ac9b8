package io.quartermaster.cli;

import io.quartermaster.signing.CanonicalRequest;
import java.net.URI;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How requests prove who sends them: a token, or an access key's signature. */
public sealed interface Credentials {

  /** The headers that authenticate one request, computed just before it is sent. */
  Map<String, String> headers(
      String method, URI uri, String path, Map<String, String> query, byte[] body);

  /** No credentials: only {@code POST /v3/auth/tokens} works without. */
  record None() implements Credentials {
    @Override
    public Map<String, String> headers(
        String method, URI uri, String path, Map<String, String> query, byte[] body) {
      return Map.of();
    }
  }

  record Token(String token) implements Credentials {
    @Override
    public Map<String, String> headers(
        String method, URI uri, String path, Map<String, String> query, byte[] body) {
      return Map.of("X-Auth-Token", token);
    }

    @Override
    public String toString() {
      return "Token[...]";
    }
  }

  /**
   * Signs as the official SDKs do (SDK-HMAC-SHA256), with the canonical request the server checks
   * against. Signed are {@code host}, {@code x-project-id} and {@code x-sdk-date}, in the SDK's
   * order (sorted); {@code Content-Type} is not signed, as in the SDK. The body's own hash is
   * signed, also for {@code merge-patch+json}, where the SDK would declare it unsigned.
   */
  record AccessKey(String accessKey, String secretKey, String projectId, Clock clock)
      implements Credentials {

    private static final List<String> SIGNED = List.of("host", "x-project-id", "x-sdk-date");

    @Override
    public Map<String, String> headers(
        String method, URI uri, String path, Map<String, String> query, byte[] body) {
      String date =
          CanonicalRequest.SDK_DATE_FORMAT.format(clock.instant().atOffset(ZoneOffset.UTC));
      Map<String, String> signedValues =
          Map.of("host", hostHeader(uri), "x-project-id", projectId, "x-sdk-date", date);
      Map<String, List<String>> decodedQuery = new LinkedHashMap<>();
      query.forEach((name, value) -> decodedQuery.put(name, List.of(value)));
      CanonicalRequest canonical =
          new CanonicalRequest(
              method,
              path,
              decodedQuery,
              SIGNED,
              signedValues::get,
              CanonicalRequest.bodyHash(body));
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("X-Sdk-Date", date);
      headers.put("X-Project-Id", projectId);
      headers.put(
          "Authorization",
          CanonicalRequest.authorization(accessKey, SIGNED, canonical.signature(secretKey, date)));
      return headers;
    }

    /**
     * The {@code Host} that java.net.http sends (it sets the header itself and allows no other):
     * the host alone on the scheme's default port, else {@code host:port}.
     */
    static String hostHeader(URI uri) {
      int port = uri.getPort();
      boolean defaultPort =
          port == -1 || port == ("https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80);
      return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
    }

    @Override
    public String toString() {
      return "AccessKey[" + accessKey + "]";
    }
  }
}
