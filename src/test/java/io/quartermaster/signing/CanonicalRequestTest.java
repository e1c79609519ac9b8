package io.quartermaster.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.huaweicloud.sdk.core.auth.AKSKSigner;
import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.http.HttpMethod;
import com.huaweicloud.sdk.core.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The canonical request against the official SDK's signer: for each request, the SDK signs it and
 * the shared computation (the server's check, the client's signature) must arrive at the same
 * {@code Authorization} header.
 */
class CanonicalRequestTest {

  private static final String SECRET = "QmSecretKeyForCanonicalRequestTests0123";
  private static final String DATE = "20240501T101112Z";

  static Stream<Arguments> requests() {
    return Stream.of(
        Arguments.of("GET", "/v1/p/orders", Map.of(), ""),
        Arguments.of("GET", "/", Map.of(), ""),
        Arguments.of(
            "GET",
            "/v1/p/orders",
            linked("limit", List.of("5"), "involvedName", List.of("a b+c*~/%é&=?")),
            ""),
        Arguments.of("GET", "/v1/p/orders", linked("z", List.of("2", "1"), "a", List.of("")), ""),
        Arguments.of("GET", "/v2/p/pools/name with space+plus*star~tilde", Map.of(), ""),
        Arguments.of("POST", "/v2/p/pools", Map.of(), "{\"apiVersion\":\"v2\",\"x\":\"é\"}"),
        Arguments.of("PATCH", "/v2/p/pools/x/", Map.of(), "{}"),
        Arguments.of("DELETE", "/v2/p/pools/x", linked("k", List.of("v"), "K", List.of("V")), ""));
  }

  private static Map<String, List<String>> linked(Object... namesAndValues) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      @SuppressWarnings("unchecked")
      List<String> values = (List<String>) namesAndValues[i + 1];
      map.put((String) namesAndValues[i], values);
    }
    return map;
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("requests")
  void theServerArrivesAtTheSdksSignature(
      String method, String path, Map<String, List<String>> query, String body) {
    HttpRequest.HttpRequestBuilder sdkRequest =
        HttpRequest.newBuilder()
            .withEndpoint("http://127.0.0.1:8080")
            .withPath(path)
            .withMethod(HttpMethod.valueOf(method))
            .withBodyAsString(body)
            .addHeader("X-Sdk-Date", DATE)
            .addHeader("X-Project-Id", "p")
            .addHeader("User-Agent", "huaweicloud-usdk-java/3.0")
            .addHeader("Content-Type", "application/json");
    query.forEach((name, values) -> sdkRequest.addQueryParam(name, new ArrayList<>(values)));
    Map<String, String> signed =
        AKSKSigner.getInstance()
            .sign(sdkRequest.build(), new BasicCredentials().withAk("AK").withSk(SECRET));
    List<String> signedHeaders = List.of("host", "user-agent", "x-project-id", "x-sdk-date");
    Map<String, String> headers =
        Map.of(
            "host",
            signed.get("Host"),
            "x-sdk-date",
            DATE,
            "x-project-id",
            "p",
            "user-agent",
            "huaweicloud-usdk-java/3.0");
    CanonicalRequest ours =
        new CanonicalRequest(
            method,
            path,
            query,
            signedHeaders,
            headers::get,
            CanonicalRequest.bodyHash(body.getBytes(StandardCharsets.UTF_8)));

    // The whole header, so that the client's Authorization is the SDK's to the byte.
    assertEquals(
        signed.get("Authorization"),
        CanonicalRequest.authorization("AK", signedHeaders, ours.signature(SECRET, DATE)),
        ours.text());
  }
}
