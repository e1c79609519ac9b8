package io.quartermaster.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.json.Json;
import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.OversizedRequest;
import io.quartermaster.testing.TestServer;
import org.junit.jupiter.api.Test;

class HttpConventionsTest {

  private final ApiClient api = TestServer.get().client();

  @Test
  void everyResponseCarriesAFreshRequestId() {
    HttpResult first = api.get("/health");
    HttpResult second = api.get("/health");
    assertEquals(200, first.status());
    assertNotNull(first.header("X-Request-Id"));
    assertTrue(!first.header("X-Request-Id").equals(second.header("X-Request-Id")));
  }

  @Test
  void aSaneCallerRequestIdIsEchoed() {
    HttpResult result = api.withHeader("X-Request-Id", "trace-abc_1.2").get("/health");
    assertEquals("trace-abc_1.2", result.header("X-Request-Id"));
  }

  @Test
  void anInsaneCallerRequestIdIsReplaced() {
    HttpResult result = api.withHeader("X-Request-Id", "x".repeat(65)).get("/health");
    assertEquals(36, result.header("X-Request-Id").length());
    HttpResult spaces = api.withHeader("X-Request-Id", "has space").get("/health");
    assertTrue(!spaces.header("X-Request-Id").contains(" "));
  }

  @Test
  void unknownPathsAnswer404InTheContractFormat() {
    HttpResult result = api.get("/v1/nothing/here");
    assertEquals(404, result.status());
    assertEquals("ModelArts.50015001", result.errorCode());
    assertTrue(result.header("Content-Type").startsWith("application/json"));
    assertNotNull(result.header("X-Request-Id"));
  }

  @Test
  void bodiesOverOneMebibyteAreRefusedWith413() throws Exception {
    OversizedRequest.Answer result =
        OversizedRequest.post(
            api.baseUrl(), "/v2/0123456789abcdef0123456789abcdef/pools", 1024 * 1024 + 1);
    assertEquals(413, result.status(), result.raw());
    assertEquals(
        "ModelArts.50004000", Json.mapper().readTree(result.body()).get("error_code").asText());
    assertTrue(result.header("X-Request-Id").isPresent(), result.raw());
  }
}
