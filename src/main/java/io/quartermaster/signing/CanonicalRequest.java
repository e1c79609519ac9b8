package io.quartermaster.signing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The string an SDK-HMAC-SHA256 signature covers, built the way the official Huawei Cloud SDK
 * builds it, and the signature over it. The service checks signatures with it and the {@code qm}
 * client signs with it, so that both sides share one reading of the SDK's rules. Path and query are
 * the decoded ones, encoded again by the SDK's rules: the server verifies exactly what its handler
 * reads, and the client signs exactly what it sends.
 *
 * @param method the request method, e.g. {@code GET}
 * @param path the decoded path, e.g. {@code /v1/abc/orders}
 * @param query the decoded query parameters, each name with its values in the order sent
 * @param signedHeaders the lower-case names from {@code SignedHeaders}, in that order
 * @param headerValue the value of a (lower-case) header name as received
 * @param bodySha256 the hex SHA-256 of the request body
 */
public record CanonicalRequest(
    String method,
    String path,
    Map<String, List<String>> query,
    List<String> signedHeaders,
    Function<String, String> headerValue,
    String bodySha256) {

  /** The signing algorithm's name, first in the {@code Authorization} header. */
  public static final String ALGORITHM = "SDK-HMAC-SHA256";

  /** The format of {@code X-Sdk-Date}: UTC, to the second. */
  public static final DateTimeFormatter SDK_DATE_FORMAT =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

  public CanonicalRequest {
    query = Map.copyOf(query);
    signedHeaders = List.copyOf(signedHeaders);
  }

  /** The hex SHA-256 of a body, as the canonical request's last line wants it. */
  public static String bodyHash(byte[] body) {
    return hex(sha256(body));
  }

  /** The {@code Authorization} header value of a request signed with {@code signature}. */
  public static String authorization(
      String accessKey, List<String> signedHeaders, String signature) {
    return ALGORITHM
        + " Access="
        + accessKey
        + ", SignedHeaders="
        + String.join(";", signedHeaders)
        + ", Signature="
        + signature;
  }

  /** Method, URI, query, headers, signed names and body hash, one per line. */
  public String text() {
    StringBuilder headers = new StringBuilder();
    for (String name : signedHeaders) {
      headers.append(name).append(':').append(headerValue.apply(name)).append('\n');
    }
    return String.join(
        "\n",
        method,
        canonicalUri(path),
        canonicalQuery(query),
        headers,
        String.join(";", signedHeaders),
        bodySha256);
  }

  /** The hex HMAC-SHA256 under {@code secret} of the string to sign for {@code sdkDate}. */
  public String signature(String secret, String sdkDate) {
    String stringToSign =
        ALGORITHM + "\n" + sdkDate + "\n" + hex(sha256(text().getBytes(StandardCharsets.UTF_8)));
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return hex(hmac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every Java runtime", e);
    }
  }

  /** Each segment encoded and followed by {@code /}; the root stays {@code /}. */
  public static String canonicalUri(String path) {
    if (path.equals("/")) {
      return path;
    }
    StringBuilder uri = new StringBuilder();
    // String.split drops trailing empty segments, as the SDK's own split does.
    for (String segment : path.split("/")) {
      uri.append(encode(segment)).append('/');
    }
    return uri.toString();
  }

  /** Names sorted after encoding; {@code name=value} pairs joined by {@code &}. */
  public static String canonicalQuery(Map<String, List<String>> query) {
    SortedMap<String, List<String>> sorted = new TreeMap<>();
    query.forEach(
        (name, values) ->
            sorted.put(encode(name), values.stream().map(CanonicalRequest::encode).toList()));
    List<String> pairs = new ArrayList<>();
    sorted.forEach(
        (name, values) -> {
          if (values.isEmpty()) {
            pairs.add(name + "=");
          }
          values.forEach(value -> pairs.add(name + "=" + value));
        });
    return String.join("&", pairs);
  }

  /** Form encoding made URI-like, as the SDK does: space {@code %20}, {@code *} {@code %2A}. */
  public static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8)
        .replace("+", "%20")
        .replace("*", "%2A")
        .replace("%7E", "~");
  }

  public static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }

  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
