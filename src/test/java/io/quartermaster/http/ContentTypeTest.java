package io.quartermaster.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quartermaster.json.Json;
import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.Identities;
import io.quartermaster.testing.PoolDriver;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * JSON in (CONTRACT §0): a body of the {@code /v1} and {@code /v2} APIs in another media type is a
 * 415 in the contract's error format that changes nothing; JSON with parameters, and a body sent
 * without a Content-Type, are read as before; a POST without a body ignores the header.
 */
class ContentTypeTest {

  private final TestServer server = TestServer.get();
  private final Tenant tenant = server.newTenant();
  private final PoolDriver pools = new PoolDriver(tenant);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "text/plain",
        "application/x-www-form-urlencoded",
        "application/merge-patch+json",
        "application/xml; charset=UTF-8",
        "not a media type"
      })
  void aPoolBodyThatIsNotJsonIs415AndCreatesNothing(String type) {
    String display = Pools.uniqueName();
    HttpResult result = as(type).post(pools.poolsPath(), Pools.body(display, Pools.CPU, 1));

    assertEquals(415, result.status(), result::toString);
    assertEquals("ModelArts.50004000", result.errorCode());
    assertEquals(
        "Bad request: Content-Type must be application/json, not "
            + (type.startsWith("application/xml") ? "application/xml" : type),
        result.body().get("error_msg").asText());
    assertEquals(0, tenant.viewer().get(pools.poolsPath()).body().get("items").size());
    assertEquals(0, tenant.viewer().get(pools.ordersPath()).body().get("count").asInt());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"application/json", "application/json; charset=UTF-8", "Application/JSON"})
  void jsonWithOrWithoutParametersIsRead(String type) {
    HttpResult result =
        as(type).post(pools.poolsPath(), Pools.body(Pools.uniqueName(), Pools.CPU, 1));
    assertEquals(200, result.status(), result::toString);
  }

  @Test
  void aBodySentWithoutAContentTypeIsReadAsJson() throws Exception {
    String body = Json.mapper().writeValueAsString(Pools.body(Pools.uniqueName(), Pools.CPU, 1));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.baseUrl() + pools.poolsPath()))
            .header("X-Auth-Token", tenant.member().token())
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    assertEquals(200, send(request).statusCode());
  }

  @Test
  void aPatchTakesMergePatchJsonButNotOtherTypes() {
    String display = Pools.uniqueName();
    pools.createRunning(display, Pools.CPU, 1);
    Map<String, Object> relabel =
        Map.of("metadata", Map.of("annotations", Map.of("os.modelarts/description", "patched")));

    HttpResult jsonPatch =
        as("application/json-patch+json").patch(pools.poolPath(display), relabel);
    assertEquals(415, jsonPatch.status(), jsonPatch::toString);
    assertEquals(
        "Bad request: Content-Type must be application/json or application/merge-patch+json, not"
            + " application/json-patch+json",
        jsonPatch.body().get("error_msg").asText());
    assertEquals("", description(display));

    HttpResult mergePatch =
        as("application/merge-patch+json").patch(pools.poolPath(display), relabel);
    assertEquals(200, mergePatch.status(), mergePatch::toString);
    assertEquals("patched", description(display));
  }

  @Test
  void aBatchDeleteThatIsNotJsonIs415AndDeletesNothing() {
    String display = Pools.uniqueName();
    pools.createRunning(display, Pools.CPU, 2);
    String node =
        tenant
            .viewer()
            .get(pools.poolPath(display) + "/nodes")
            .body()
            .at("/items/0/metadata/name")
            .asText();

    HttpResult result =
        as("text/plain")
            .post(
                pools.poolPath(display) + "/nodes/batch-delete",
                Map.of("deleteNodeNames", List.of(node)));

    assertEquals(415, result.status(), result::toString);
    assertEquals(2, pools.nodeCount(display));
    assertEquals(1, pools.orders(display).get("count").asInt());
  }

  @Test
  void postsWithoutABodyIgnoreTheContentType() {
    String paid = Pools.uniqueName();
    pools.create(Pools.yearly(Pools.body(paid, Pools.CPU, 1)));
    String cancelled = Pools.uniqueName();
    pools.create(Pools.yearly(Pools.body(cancelled, Pools.CPU, 1)));

    HttpResult pay = as("text/plain").post(orderPath(paid) + "/pay", null);
    assertEquals(200, pay.status(), pay::toString);
    HttpResult cancel = tenant.member().post(orderPath(cancelled) + "/cancel", null);
    assertEquals(200, cancel.status(), cancel::toString);
    assertEquals("failed", cancel.body().get("phase").asText());
  }

  @Test
  void credentialsAreCheckedBeforeTheContentType() {
    HttpResult result =
        server
            .client()
            .withHeader("Content-Type", "text/plain")
            .post(pools.poolsPath(), Pools.body(Pools.uniqueName(), Pools.CPU, 1));
    assertEquals(401, result.status(), result::toString);
  }

  @Test
  void theContentTypeIsCheckedBeforeTheBody() {
    HttpResult result = as("text/plain").post(pools.poolsPath(), "this is not JSON");
    assertEquals(415, result.status(), result::toString);
  }

  @Test
  void theIdentityApisStillReadWhatTheyAreSent() {
    HttpResult login =
        server
            .client()
            .withHeader("Content-Type", "text/plain")
            .post(
                "/v3/auth/tokens",
                Identities.passwordAuth(
                    tenant.memberName(), Tenant.PASSWORD, tenant.projectName()));
    assertEquals(201, login.status(), login::toString);
  }

  private ApiClient as(String contentType) {
    return tenant.member().withHeader("Content-Type", contentType);
  }

  private String orderPath(String display) {
    return pools.ordersPath() + "/" + pools.orders(display).at("/items/0/orderName").asText();
  }

  private String description(String display) {
    return tenant
        .viewer()
        .get(pools.poolPath(display))
        .body()
        .at("/metadata/annotations/os.modelarts~1description")
        .asText();
  }

  private static HttpResponse<String> send(HttpRequest request)
      throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }
}
