package io.quartermaster.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quartermaster.testing.AccessKey;
import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.SdkSigner;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * AK/SK signatures made by the official SDK's signer: what is accepted, and each way a signed
 * request is refused (issue "official SDK compatibility", item 2).
 */
class SignedRequestTest {

  private static final String MISMATCH = "signature mismatch";

  private final TestServer server = TestServer.get();
  private Tenant tenant;
  private AccessKey key;

  @BeforeEach
  void memberWithKey() {
    tenant = server.newTenant();
    key =
        AccessKey.create(
            tenant.member(), AccessKey.userId(server.adminClient(), tenant.memberName()));
  }

  @AfterEach
  void resetClock() {
    server.clock().reset();
  }

  private String orders() {
    return "/v1/" + tenant.projectId() + "/orders";
  }

  private String pools() {
    return "/v2/" + tenant.projectId() + "/pools";
  }

  private static void assertUnauthorized(String message, HttpResult result) {
    assertEquals(401, result.status(), result::toString);
    assertEquals("ModelArts.50001000", result.errorCode(), result::toString);
    assertEquals(message, result.body().get("error_msg").asText(), result::toString);
  }

  /** Headers the SDK computes for one request, to be sent with another. */
  private ApiClient signedFor(
      String method, String path, Map<String, String> headers, Object body) {
    return signedFor(server.baseUrl(), method, path, headers, body);
  }

  /** As {@link #signedFor(String, String, Map, Object)}, signed for a server at {@code base}. */
  private ApiClient signedFor(
      String base, String method, String path, Map<String, String> headers, Object body) {
    String json = body == null ? "" : body instanceof String s ? s : toJson(body);
    Map<String, String> all = new LinkedHashMap<>(headers);
    if (body != null) {
      all.put("Content-Type", "application/json");
    }
    Map<String, String> auth = key.signer().sign(method, URI.create(base + path), all, json);
    ApiClient client = server.client();
    for (var header : headers.entrySet()) {
      client = client.withHeader(header.getKey(), header.getValue());
    }
    for (var header : auth.entrySet()) {
      client = client.withHeader(header.getKey(), header.getValue());
    }
    return client;
  }

  private static String toJson(Object body) {
    try {
      return io.quartermaster.json.Json.mapper().writeValueAsString(body);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Test
  void aRequestSignedByTheSdkActsAsTheKeysUser() {
    HttpResult listed = key.client().get(orders() + "?limit=5&workspaceId=0");
    assertEquals(200, listed.status(), listed::toString);

    String display = Pools.uniqueName();
    HttpResult created = key.client().post(pools(), Pools.body(display, Pools.CPU, 1));
    assertEquals(200, created.status(), created::toString);
    HttpResult order = tenant.viewer().get(orders() + "?involvedName=" + display);
    assertEquals(tenant.memberName(), order.body().at("/items/0/createdBy/userName").asText());
    assertEquals(key.userId(), order.body().at("/items/0/createdBy/userId").asText());
  }

  @Test
  void queryParametersMayComeInAnyOrderAndCarryEncodedCharacters() {
    String query = "?workspaceId=a%20b%2Bc%2A~%2F%C3%A9&limit=5&offset=0";
    HttpResult listed = key.client().get(orders() + query);
    assertEquals(200, listed.status(), listed::toString);
    assertEquals(0, listed.body().get("count").asInt());
  }

  @TestFactory
  List<DynamicTest> aSignatureOverAnotherRequestIsAMismatch() {
    String pool = pools() + "/" + Pools.poolName("pool-none", "x");
    Map<String, Object> body = Pools.body("pool-aaaa", Pools.CPU, 1);
    Map<String, Object> otherBody = Pools.body("pool-bbbb", Pools.CPU, 1);
    return List.of(
        DynamicTest.dynamicTest(
            "another method",
            () ->
                assertUnauthorized(MISMATCH, signedFor("GET", pool, Map.of(), null).delete(pool))),
        DynamicTest.dynamicTest(
            "another path",
            () ->
                assertUnauthorized(
                    MISMATCH,
                    signedFor("GET", orders() + "/order.a", Map.of(), null)
                        .get(orders() + "/order.b"))),
        DynamicTest.dynamicTest(
            "another query value",
            () ->
                assertUnauthorized(
                    MISMATCH,
                    signedFor("GET", orders() + "?limit=5", Map.of(), null)
                        .get(orders() + "?limit=6"))),
        DynamicTest.dynamicTest(
            "an added query parameter",
            () ->
                assertUnauthorized(
                    MISMATCH,
                    signedFor("GET", orders() + "?limit=5", Map.of(), null)
                        .get(orders() + "?limit=5&offset=1"))),
        DynamicTest.dynamicTest(
            "another body",
            () ->
                assertUnauthorized(
                    MISMATCH, signedFor("POST", pools(), Map.of(), body).post(pools(), otherBody))),
        DynamicTest.dynamicTest(
            "another value of a signed header",
            () ->
                assertUnauthorized(
                    MISMATCH,
                    signedFor("GET", orders(), Map.of("X-Trace", "a"), null)
                        .withHeader("X-Trace", "b")
                        .get(orders()))),
        DynamicTest.dynamicTest(
            "another host",
            () ->
                assertUnauthorized(
                    MISMATCH,
                    signedFor(
                            server.baseUrl().replace("127.0.0.1", "localhost"),
                            "GET",
                            orders(),
                            Map.of(),
                            null)
                        .get(orders()))));
  }

  @Test
  void aDateMoreThanFifteenMinutesOffIsRefusedEitherWay() {
    ApiClient anonymous = server.client();
    var now = server.clock().instant();
    for (Duration skew : List.of(Duration.ofMinutes(16), Duration.ofMinutes(-16))) {
      SdkSigner skewed = key.signer().at(now.plus(skew));
      assertUnauthorized(
          "X-Sdk-Date is more than 15 minutes away from the server's time",
          anonymous.withSigner(skewed).get(orders()));
    }
    for (Duration skew : List.of(Duration.ofMinutes(14), Duration.ofMinutes(-14))) {
      SdkSigner skewed = key.signer().at(now.plus(skew));
      assertEquals(200, anonymous.withSigner(skewed).get(orders()).status());
    }
  }

  @Test
  void theWindowFollowsTheServersClock() {
    // The client signs with the real time; the server's clock has moved on by 20 minutes.
    server.clock().advance(Duration.ofMinutes(20));
    assertUnauthorized(
        "X-Sdk-Date is more than 15 minutes away from the server's time",
        key.client().get(orders()));
  }

  @Test
  void aMissingOrMalformedDateIsRefused() {
    ApiClient signed = signedFor("GET", orders(), Map.of(), null);
    assertUnauthorized(
        "X-Sdk-Date must be UTC time as yyyyMMdd'T'HHmmss'Z'",
        signed.withHeader("X-Sdk-Date", "2024-01-01T00:00:00Z").get(orders()));
    String authorization =
        key.signer()
            .sign("GET", URI.create(server.baseUrl() + orders()), Map.of(), "")
            .get("Authorization");
    assertUnauthorized(
        "X-Sdk-Date is missing",
        server.client().withHeader("Authorization", authorization).get(orders()));
  }

  @Test
  void anUnknownKeyIsInvalid() {
    AccessKey unknown = new AccessKey("ABCDEFGHIJ0123456789", key.secret(), key.userId());
    assertUnauthorized("access key is invalid", unknown.client().get(orders()));
    AccessKey malformed = new AccessKey("not-a-key", key.secret(), key.userId());
    assertUnauthorized("access key is invalid", malformed.client().get(orders()));
  }

  @Test
  void aWrongSecretIsAMismatch() {
    AccessKey wrong = new AccessKey(key.access(), key.secret() + "x", key.userId());
    assertUnauthorized(MISMATCH, wrong.client().get(orders()));
  }

  @Test
  void anInactiveKeyIsInvalidUntilItIsActiveAgain() {
    String path = AccessKey.CREDENTIALS + "/" + key.access();
    setStatus(path, "inactive");
    assertUnauthorized("access key is invalid", key.client().get(orders()));
    setStatus(path, "active");
    assertEquals(200, key.client().get(orders()).status());
  }

  private void setStatus(String path, String status) {
    HttpResult result =
        tenant.member().send("PUT", path, Map.of("credential", Map.of("status", status)));
    assertEquals(200, result.status(), result::toString);
  }

  @Test
  void aDeletedKeyIsInvalid() {
    assertEquals(204, tenant.member().delete(AccessKey.CREDENTIALS + "/" + key.access()).status());
    assertUnauthorized("access key is invalid", key.client().get(orders()));
  }

  @Test
  void disablingTheUserStopsTheirKeysAtOnce() {
    ApiClient admin = server.adminClient();
    String userPath = "/v3/users/" + key.userId();
    assertEquals(200, key.client().get(orders()).status());
    admin.patch(userPath, Map.of("user", Map.of("enabled", false)));
    assertUnauthorized("access key is invalid", key.client().get(orders()));
    // Unlike tokens, keys are not revoked: they work again once the user is enabled again.
    admin.patch(userPath, Map.of("user", Map.of("enabled", true)));
    assertEquals(200, key.client().get(orders()).status());
    assertEquals(204, admin.delete(userPath).status());
    assertUnauthorized("access key is invalid", key.client().get(orders()));
  }

  @Test
  void anXProjectIdOtherThanThePathsIsForbidden() {
    Tenant other = server.newTenant();
    HttpResult result =
        server
            .client()
            .withHeader("X-Project-Id", other.projectId())
            .withSigner(key.signer())
            .get(orders());
    assertEquals(403, result.status(), result::toString);
    assertEquals("ModelArts.0210", result.errorCode());
    HttpResult same =
        server
            .client()
            .withHeader("X-Project-Id", tenant.projectId())
            .withSigner(key.signer())
            .get(orders());
    assertEquals(200, same.status(), same::toString);
  }

  @TestFactory
  List<DynamicTest> malformedAuthorizationsSayWhatIsWrong() {
    String shape =
        "Authorization must be SDK-HMAC-SHA256 Access={access key}, SignedHeaders={names},"
            + " Signature={hex}";
    String signature = "0".repeat(64);
    String access = key.access();
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("SDK-HMAC-SHA256 Access=" + access + ", Signature=" + signature, shape);
    cases.put(
        "SDK-HMAC-SHA256 Access=" + access + ", SignedHeaders=host;x-sdk-date, Signature=xyz",
        shape);
    cases.put("SDK-HMAC-SHA256", shape);
    cases.put(
        "SDK-HMAC-SM3 Access=" + access + ", SignedHeaders=host;x-sdk-date, Signature=" + signature,
        "signing algorithm SDK-HMAC-SM3 is not supported; sign with SDK-HMAC-SHA256");
    cases.put("Bearer abc", "signing algorithm Bearer is not supported; sign with SDK-HMAC-SHA256");
    cases.put(
        "SDK-HMAC-SHA256 Access=" + access + ", SignedHeaders=host, Signature=" + signature,
        "SignedHeaders must include host and x-sdk-date");
    return cases.entrySet().stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.getKey(),
                    () ->
                        assertUnauthorized(
                            c.getValue(),
                            server
                                .client()
                                .withHeader("Authorization", c.getKey())
                                .withHeader("X-Sdk-Date", "20240101T000000Z")
                                .get(orders()))))
        .toList();
  }

  @Test
  void aSignatureIsCheckedEvenBesideAValidToken() {
    ApiClient both =
        signedFor("GET", orders() + "?limit=1", Map.of(), null)
            .withHeader("X-Auth-Token", tenant.member().token());
    assertUnauthorized(MISMATCH, both.get(orders() + "?limit=2"));
  }

  @Test
  void keysDoNotOpenTheIdentityApis() {
    for (String path : List.of("/v3/users", AccessKey.CREDENTIALS)) {
      HttpResult result = key.client().get(path);
      assertEquals(401, result.status(), result::toString);
      assertEquals("X-Auth-Token is missing", result.body().at("/error/message").asText());
    }
  }

  @Test
  void aBodyIsLeftUnsignedOnlyWhenTheSignerSignedThatChoice() {
    // The SDK does this itself for bodies that are not application/json (PATCH's merge patch).
    String path = pools() + "/" + Pools.poolName("pool-none", tenant.projectId());
    Map<String, Object> patch = Map.of("metadata", Map.of("labels", Map.of("team", "vision")));
    Map<String, String> unsigned = Map.of("X-Sdk-Content-Sha256", "UNSIGNED-PAYLOAD");
    ApiClient declared = signedFor("PATCH", path, unsigned, Map.of("a", 1));
    assertEquals(404, declared.patch(path, patch).status(), "signature holds, pool is missing");

    ApiClient addedLater =
        signedFor("PATCH", path, Map.of(), Map.of("a", 1))
            .withHeader("X-Sdk-Content-Sha256", "UNSIGNED-PAYLOAD");
    assertUnauthorized(MISMATCH, addedLater.patch(path, patch));

    ApiClient wrongHash =
        signedFor("PATCH", path, Map.of("X-Sdk-Content-Sha256", "0".repeat(64)), patch);
    assertUnauthorized(
        "X-Sdk-Content-Sha256 must be UNSIGNED-PAYLOAD or the hex SHA-256 of the body",
        wrongHash.patch(path, patch));
  }
}
