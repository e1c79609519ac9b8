package io.quartermaster.testing;

import com.huaweicloud.sdk.core.auth.AKSKSigner;
import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.http.HttpMethod;
import com.huaweicloud.sdk.core.http.HttpRequest;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Signs requests with the official SDK's own signer ({@code AKSKSigner} of huaweicloud-sdk-core),
 * so that tests send exactly the signatures that SDK users send.
 *
 * @param signedAt the {@code X-Sdk-Date} to sign with; empty for the SDK's own "now"
 */
public record SdkSigner(String accessKey, String secret, Optional<Instant> signedAt)
    implements ApiClient.RequestSigner {

  private static final DateTimeFormatter SDK_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  public SdkSigner(String accessKey, String secret) {
    this(accessKey, secret, Optional.empty());
  }

  /** The same key, signing as if the client's clock showed {@code time}. */
  public SdkSigner at(Instant time) {
    return new SdkSigner(accessKey, secret, Optional.of(time));
  }

  @Override
  public Map<String, String> sign(
      String method, URI uri, Map<String, String> headers, String body) {
    HttpRequest.HttpRequestBuilder request =
        HttpRequest.newBuilder()
            .withEndpoint(uri.getScheme() + "://" + uri.getRawAuthority())
            .withPath(uri.getRawPath())
            .withMethod(HttpMethod.valueOf(method))
            .withBodyAsString(body);
    headers.forEach(request::addHeader);
    signedAt.ifPresent(time -> request.addHeader("X-Sdk-Date", SDK_DATE.format(time)));
    query(uri.getRawQuery()).forEach(request::addQueryParam);
    Map<String, String> signed =
        new LinkedHashMap<>(
            AKSKSigner.getInstance()
                .sign(request.build(), new BasicCredentials().withAk(accessKey).withSk(secret)));
    // The HTTP client sets Host itself, to the same authority the SDK signed.
    signed.remove("Host");
    signedAt.ifPresent(time -> signed.put("X-Sdk-Date", SDK_DATE.format(time)));
    return signed;
  }

  private static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return params;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "SdkSigner[" + accessKey + "]";
  }
}
