package io.quartermaster.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The check every HTTP test runs, fed answers that drift from the document in each way. */
class OpenApiContractTest {

  private static final String PROJECT = "0123456789abcdef0123456789abcdef";
  private static final String ERROR =
      "{\"error_code\":\"ModelArts.50015001\",\"error_msg\":\"Pool x not found.\"}";

  private final OpenApiContract contract = OpenApiContract.get();

  @Test
  void aDocumentedAnswerPasses() {
    contract.check(
        "GET", uri("/v1/" + PROJECT + "/orders"), 200, json(), "{\"count\":0,\"items\":[]}");
    contract.check("GET", uri("/v2/" + PROJECT + "/pools/p"), 404, json(), ERROR);
    contract.check("DELETE", uri("/v3/users/u"), 204, headers(Map.of()), "");
  }

  @Test
  void anUndocumentedStatusSaysWhereToAddIt() {
    String message = fails("POST", "/v2/" + PROJECT + "/pools", 202, json(), "{}");
    assertContains(message, "POST /v2/{project_id}/pools answered 202");
    assertContains(message, "Add '202' under paths./v2/{project_id}/pools.post.responses");
  }

  @Test
  void aFieldThatDriftedIsNamed() {
    String body =
        "{\"count\":1,\"items\":[{\"orderName\":\"order.pool-5ed5-aaaaa\",\"phase\":\"done\"}]}";
    String message = fails("GET", "/v1/" + PROJECT + "/orders", 200, json(), body);
    assertContains(message, "#/components/schemas/OrderList");
    assertContains(message, "/items/0/phase");
    assertContains(message, "/items/0: required property 'orderId' not found");
  }

  @Test
  void anUndocumentedFieldIsADrift() {
    String message =
        fails(
            "GET", "/v1/" + PROJECT + "/orders", 200, json(), "{\"count\":0,\"items\":[],\"x\":1}");
    assertContains(message, "property 'x' is not defined in the schema");
  }

  @Test
  void anUnknownPathMayOnlyAnswer404() {
    contract.check("GET", uri("/v1/nothing/here"), 404, json(), ERROR);
    String message = fails("GET", "/v1/" + PROJECT + "/things", 200, json(), "{}");
    assertContains(message, "no path of the document matches /v1/" + PROJECT + "/things");
    assertContains(message, "Add the route under `paths`");
  }

  @Test
  void anUndocumentedMethodSaysWhichOnesAreListed() {
    contract.check("PUT", uri("/v2/" + PROJECT + "/pools"), 404, json(), ERROR);
    String message = fails("PUT", "/v2/" + PROJECT + "/pools", 200, json(), "{}");
    assertContains(message, "lists GET, POST for /v2/{project_id}/pools, not PUT");
  }

  @Test
  void theContentTypeAndTheRequestIdAreChecked() {
    String type =
        fails(
            "GET",
            "/v1/" + PROJECT + "/orders",
            200,
            headers(Map.of("Content-Type", List.of("text/html"))),
            "{\"count\":0,\"items\":[]}");
    assertContains(type, "its Content-Type is text/html but");
    String id =
        fails(
            "GET",
            "/health",
            200,
            HttpHeaders.of(Map.of("Content-Type", List.of("application/json")), (a, b) -> true),
            "{\"status\":\"UP\"}");
    assertContains(id, "no X-Request-Id");
  }

  @Test
  void aBodyThatIsNotJsonIsADrift() {
    String message = fails("GET", "/health", 200, json(), "<html>");
    assertContains(message, "its body is not application/json");
  }

  private String fails(String method, String path, int status, HttpHeaders headers, String body) {
    return assertThrows(
            AssertionError.class, () -> contract.check(method, uri(path), status, headers, body))
        .getMessage();
  }

  private static void assertContains(String message, String part) {
    assertTrue(message.contains(part), () -> "expected \"" + part + "\" in:\n" + message);
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:8080" + path);
  }

  private static HttpHeaders json() {
    return headers(Map.of("Content-Type", List.of("application/json")));
  }

  private static HttpHeaders headers(Map<String, List<String>> headers) {
    Map<String, List<String>> all = new java.util.HashMap<>(headers);
    all.put("X-Request-Id", List.of("test"));
    return HttpHeaders.of(all, (a, b) -> true);
  }
}
