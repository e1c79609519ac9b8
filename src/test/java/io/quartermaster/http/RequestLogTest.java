package io.quartermaster.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.LogCapture;
import io.quartermaster.testing.OversizedRequest;
import io.quartermaster.testing.PoolDriver;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every request leaves one line at INFO once it is answered: method, route template, status, time
 * taken, request id; nothing of its headers, query or body.
 */
class RequestLogTest {

  private final TestServer server = TestServer.get();
  private final Tenant tenant = server.newTenant();
  private final LogCapture log = LogCapture.of(RequestLog.class.getName());

  @AfterEach
  void stopCapturing() {
    log.close();
  }

  /** The one line of the request with id {@code requestId}, once it is there. */
  private String lineOf(String requestId) {
    String line = log.await(message -> message.endsWith(" request " + requestId));
    assertEquals(
        1, log.messages().stream().filter(m -> m.endsWith(" request " + requestId)).count());
    assertTrue(log.messages(Level.INFO).contains(line), line);
    return line;
  }

  private ApiClient as(ApiClient client, String requestId) {
    return client.withHeader("X-Request-Id", requestId);
  }

  @Test
  void aRequestIsLoggedWithItsRouteTemplateStatusTimeAndId() {
    PoolDriver pools = new PoolDriver(tenant);
    String display = Pools.uniqueName();
    pools.createRunning(display, Pools.CPU, 1);
    String id = "log-" + System.nanoTime();

    as(tenant.viewer(), id).get(pools.poolPath(display) + "?ignored=query-value");

    assertTrue(
        Pattern.matches(
            "GET /v2/\\{projectId}/pools/\\{poolName} 200 \\d+\\.\\d ms request " + id, lineOf(id)),
        lineOf(id));
  }

  @Test
  void refusedRequestsAreLoggedWithTheirStatus() {
    String orders = "/v1/" + tenant.projectId() + "/orders";
    String unauthorized = "log-401-" + System.nanoTime();
    as(server.client(), unauthorized).get(orders);
    assertTrue(lineOf(unauthorized).startsWith("GET /v1/{projectId}/orders 401 "));

    String badLimit = "log-400-" + System.nanoTime();
    as(tenant.viewer(), badLimit).get(orders + "?limit=-1");
    assertTrue(lineOf(badLimit).startsWith("GET /v1/{projectId}/orders 400 "));

    String created = "log-post-" + System.nanoTime();
    as(tenant.member(), created)
        .post("/v2/" + tenant.projectId() + "/pools", Pools.body(Pools.uniqueName(), Pools.CPU, 1));
    assertTrue(lineOf(created).startsWith("POST /v2/{projectId}/pools 200 "), lineOf(created));
  }

  @Test
  void aRequestNoRouteTookShowsItsPath() {
    String missing = "log-404-" + System.nanoTime();
    as(server.client(), missing).get("/v1/nothing/here%20at%20all");
    assertTrue(lineOf(missing).startsWith("GET /v1/nothing/here%20at%20all 404 "), lineOf(missing));

    String wrongMethod = "log-405-" + System.nanoTime();
    as(tenant.member(), wrongMethod).send("PUT", "/v2/" + tenant.projectId() + "/pools", Map.of());
    assertTrue(
        lineOf(wrongMethod).startsWith("PUT /v2/" + tenant.projectId() + "/pools 405 "),
        lineOf(wrongMethod));
  }

  @Test
  void aRequestHelidonAnswersBeforeRoutingIsLoggedToo() {
    String path = "/v2/" + tenant.projectId() + "/pools";
    OversizedRequest.Answer result = OversizedRequest.post(server.baseUrl(), path, 2_000_000);
    assertEquals(413, result.status(), result.raw());

    String line = log.await(m -> m.startsWith("POST " + path + " 413 - request "));
    assertEquals(
        "POST " + path + " 413 - request " + result.header("X-Request-Id").orElseThrow(), line);
  }

  @Test
  void tokensAndBodiesStayOutOfTheLine() {
    String id = "log-secret-" + System.nanoTime();
    as(tenant.member(), id)
        .post("/v2/" + tenant.projectId() + "/pools", Pools.body("pool-secret-body", Pools.CPU, 1));
    String line = lineOf(id);
    for (String secret : List.of(tenant.member().token(), "pool-secret-body", tenant.projectId())) {
      assertTrue(!line.contains(secret), line);
    }
  }
}
