package io.quartermaster.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.PoolDriver;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A method a path does not take is a 405 in the contract's error format, with an {@code Allow}
 * header listing the methods it does take; a path no route has stays a 404.
 */
class MethodNotAllowedTest {

  private final TestServer server = TestServer.get();
  private final Tenant tenant = server.newTenant();
  private final PoolDriver pools = new PoolDriver(tenant);

  @Test
  void putOnAPoolIs405WithTheMethodsItTakesAndChangesNothing() {
    String display = Pools.uniqueName();
    JsonNode before = pools.createRunning(display, Pools.CPU, 1);

    HttpResult put =
        tenant.member().send("PUT", pools.poolPath(display), Pools.body(display, Pools.CPU, 3));

    assertEquals(405, put.status(), put::toString);
    assertEquals("GET, PATCH, DELETE", put.header("Allow"));
    assertEquals("ModelArts.50004000", put.errorCode());
    assertEquals(
        "Bad request: method PUT is not allowed on this path; it takes GET, PATCH, DELETE",
        put.body().get("error_msg").asText());
    assertTrue(put.header("Content-Type").startsWith("application/json"));
    assertNotNull(put.header("X-Request-Id"));
    assertEquals(before, tenant.viewer().get(pools.poolPath(display)).body());
    assertEquals(1, pools.orders(display).get("count").asInt());
  }

  @Test
  void theAllowHeaderNamesEachPathsOwnMethods() {
    String orders = "/v1/" + tenant.projectId() + "/orders";
    assertAllowed("POST", orders, "GET");
    assertAllowed("DELETE", orders + "/order.nope-abcde", "GET");
    assertAllowed("GET", orders + "/order.nope-abcde/pay", "POST");
    assertAllowed("PUT", "/v2/" + tenant.projectId() + "/pools", "GET, POST");
    assertAllowed("GET", pools.poolPath("nope") + "/nodes/batch-delete", "POST");
    assertAllowed("POST", "/health", "GET");
  }

  @Test
  void aWrongMethodIs405EvenWithoutCredentials() {
    HttpResult result =
        server.client().send("PATCH", "/v1/" + tenant.projectId() + "/orders", "{}");
    assertEquals(405, result.status(), result::toString);
    assertEquals("GET", result.header("Allow"));
  }

  @Test
  void theIdentityApisAnswer405InKeystonesFormat() {
    HttpResult result = tenant.admin().send("DELETE", "/v3/projects", null);
    assertEquals(405, result.status(), result::toString);
    assertEquals("GET, POST", result.header("Allow"));
    assertEquals(405, result.body().at("/error/code").asInt());
    assertEquals("Method Not Allowed", result.body().at("/error/title").asText());
  }

  @Test
  void pathsNoRouteHasStay404() {
    for (String path :
        new String[] {
          "/v1/nothing/here", "/v2/" + tenant.projectId() + "/poolz", "/v1/" + tenant.projectId()
        }) {
      for (String method : new String[] {"GET", "PUT"}) {
        HttpResult result =
            tenant.member().send(method, path, method.equals("PUT") ? Map.of() : null);
        assertEquals(404, result.status(), method + " " + path + " -> " + result);
        assertEquals("ModelArts.50015001", result.errorCode());
        assertNull(result.header("Allow"));
      }
    }
  }

  @Test
  void aRouteThatTakesEveryMethodAndPassesTheRequestOnMakesNo405() {
    // The console's files sit behind a route of any method that only adds headers: a file that
    // is not there is a 404, whatever the method.
    for (String method : new String[] {"GET", "POST"}) {
      HttpResult result = server.client().send(method, "/console/no-such-file.js", null);
      assertEquals(404, result.status(), method + " -> " + result);
      assertNull(result.header("Allow"));
    }
  }

  private void assertAllowed(String method, String path, String allowed) {
    HttpResult result = tenant.member().send(method, path, method.equals("GET") ? null : Map.of());
    assertEquals(405, result.status(), method + " " + path + " -> " + result);
    assertEquals(allowed, result.header("Allow"), method + " " + path);
    assertEquals("ModelArts.50004000", result.errorCode());
  }
}
