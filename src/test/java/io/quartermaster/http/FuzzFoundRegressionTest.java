package io.quartermaster.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.json.Json;
import io.quartermaster.testing.Eventually;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests the fuzzing of every route ({@code app/FuzzEveryRouteTest}) found answered wrongly, each
 * named for its case: a NUL or an encoded slash in a path, a NUL in a query or a JSON string. Each
 * is refused with a 400 in the contract's format that says why, and changes nothing.
 */
class FuzzFoundRegressionTest {

  private static final TestServer SERVER = TestServer.get();
  private static Tenant tenant;
  private static String pools;
  private static String pool;
  private static String order;

  @BeforeAll
  static void aProjectWithARunningPool() {
    tenant = SERVER.newTenant();
    pools = "/v2/" + tenant.projectId() + "/pools";
    String display = Pools.uniqueName();
    HttpResult created = tenant.member().post(pools, Pools.body(display, Pools.CPU, 1));
    assertEquals(200, created.status(), created::toString);
    pool = Pools.poolName(display, tenant.projectId());
    order = created.body().at("/metadata/labels/os.modelarts~1order.name").asText();
    Eventually.until(
        () -> tenant.viewer().get(pools + "/" + pool).body().at("/status/phase").asText(),
        "Running"::equals);
  }

  private static void assertBadRequest(HttpResult result, String mentioned) {
    assertEquals(400, result.status(), result::toString);
    assertEquals("ModelArts.50004000", result.errorCode(), result::toString);
    assertTrue(result.body().get("error_msg").asText().contains(mentioned), result::toString);
  }

  @Test
  void aNulInAPoolNameIsA400NotA500() {
    assertBadRequest(tenant.viewer().get(pools + "/%00"), "%00");
    assertBadRequest(tenant.member().delete(pools + "/pool-none-0%00"), "%00");
  }

  @Test
  void aNulInAnOrderNameIsA400NotA500() {
    String orders = "/v1/" + tenant.projectId() + "/orders/";
    assertBadRequest(tenant.viewer().get(orders + order + "%00%C0%AF"), "%00");
  }

  @Test
  void aNulInAQueryParameterIsA400NotA500() {
    String orders = "/v1/" + tenant.projectId() + "/orders";
    assertBadRequest(tenant.viewer().get(orders + "?involvedName=pool%00"), "involvedName");
    assertBadRequest(tenant.viewer().get(pools + "?workspaceId=%00"), "workspaceId");
  }

  @Test
  void anEncodedSlashInAPathIsA400RatherThanAnotherRoute() {
    String orders = "/v1/" + tenant.projectId() + "/orders";
    // Decoded, this would be the export, or the cancel of the order.
    assertBadRequest(tenant.viewer().get(orders + "%2Fexport"), "%2F");
    assertBadRequest(tenant.member().post(orders + "/" + order + "%2fcancel", null), "%2F");
  }

  @Test
  void aNulInAJsonStringOfAPoolChangeIsA400AndChangesNothing() {
    HttpResult before = tenant.viewer().get(pools + "/" + pool);
    HttpResult patched =
        tenant
            .member()
            .patch(
                pools + "/" + pool,
                Map.of(
                    "metadata",
                    Map.of("annotations", Map.of("os.modelarts/description", "a\u0000b"))));
    assertBadRequest(patched, "NUL");
    HttpResult created = tenant.member().post(pools, Pools.body("pool-nul\u0000", Pools.CPU, 1));
    assertEquals(400, created.status(), created::toString);
    HttpResult after = tenant.viewer().get(pools + "/" + pool);
    assertEquals(before.body(), after.body());
  }

  @Test
  void aQueryTheHttpLayerCannotReadIsRefusedWithItsReasonNotJustBadRequest() throws Exception {
    String answer;
    try (Socket socket = new Socket("127.0.0.1", SERVER.port())) {
      socket.setSoTimeout(10_000);
      String request =
          "GET /v1/"
              + tenant.projectId()
              + "/orders?limit=[] HTTP/1.1\r\nHost: 127.0.0.1\r\n"
              + "Connection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
    assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
    String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
    String message = Json.mapper().readTree(body).get("error_msg").asText();
    assertTrue(message.startsWith("Bad request: "), message);
    assertTrue(!message.equals("Bad request: Bad Request"), message);
  }

  @Test
  void aRequestLineLongerThanTheLimitIsA414NotAClosedConnection() throws Exception {
    // Over about 8 KB the server once closed the connection without a word: a second HTTP/1
    // protocol, discovered beside the configured one, made it guess the protocol from a look-ahead
    // that such a line overflows.
    for (int length : new int[] {5_000, 9_000, 60_000}) {
      String answer;
      try (Socket socket = new Socket("127.0.0.1", SERVER.port())) {
        socket.setSoTimeout(10_000);
        String request =
            "GET /v1/"
                + tenant.projectId()
                + "/orders?involvedName="
                + "a".repeat(length)
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      }
      assertTrue(answer.startsWith("HTTP/1.1 414"), length + ": " + answer);
      String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
      assertTrue(
          Json.mapper().readTree(body).get("error_code").asText().startsWith("ModelArts."), body);
    }
  }

  @Test
  void theAdminCannotPlaceAPoolOrLeaveAKeyInAProjectThatDoesNotExist() {
    String ghost = "/v2/0123456789abcdef0123456789abcdef/pools";
    String malformed = "/v2/0123456789abcdef0123456789abcde/pools";
    // One character too many for the key table's project column: a keyed request was a 500.
    String tooLong = "/v2/0123456789abcdef0123456789abcdef0/pools";
    for (String pools : new String[] {ghost, malformed, tooLong}) {
      HttpResult created = tenant.admin().post(pools, Pools.body("pool-ghost", Pools.CPU, 1));
      assertEquals(404, created.status(), created::toString);
      assertEquals("ModelArts.50015001", created.errorCode(), created::toString);
      assertTrue(
          created.body().get("error_msg").asText().startsWith("Project "), created::toString);
      HttpResult keyed =
          tenant.admin().withHeader("Idempotency-Key", "ghost-key").patch(pools + "/pool-x", "[]");
      assertEquals(404, keyed.status(), keyed::toString);
    }
    int stored =
        SERVER
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                                "select count(*) from pools where project_id like '0123456789abcdef%'")
                            .mapTo(Integer.class)
                            .one()
                        + h.createQuery(
                                "select count(*) from idempotency_keys"
                                    + " where idempotency_key = 'ghost-key'")
                            .mapTo(Integer.class)
                            .one());
    assertEquals(0, stored);
  }
}
