package io.quartermaster.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** Drives the pool API of one tenant the way a user would, for tests of later steps. */
public final class PoolDriver {

  private final Tenant tenant;

  public PoolDriver(Tenant tenant) {
    this.tenant = tenant;
  }

  public String poolsPath() {
    return "/v2/" + tenant.projectId() + "/pools";
  }

  public String poolPath(String display) {
    return poolsPath() + "/" + Pools.poolName(display, tenant.projectId());
  }

  public String ordersPath() {
    return "/v1/" + tenant.projectId() + "/orders";
  }

  /** Creates a pool of {@code count} nodes and waits until it runs. */
  public JsonNode createRunning(String display, String flavor, int count) {
    create(Pools.body(display, flavor, count));
    return awaitPhase(display, "Running");
  }

  public JsonNode create(Map<String, Object> body) {
    HttpResult result = tenant.member().post(poolsPath(), body);
    assertEquals(200, result.status(), result.rawBody());
    return result.body();
  }

  public JsonNode awaitPhase(String display, String phase) {
    return Eventually.until(
            () -> tenant.viewer().get(poolPath(display)),
            r -> r.status() == 200 && phase.equals(r.body().get("status").get("phase").asText()))
        .body();
  }

  /** Waits until the pool is gone (its delete order succeeded). */
  public void awaitGone(String display) {
    Eventually.until(() -> tenant.viewer().get(poolPath(display)), r -> r.status() == 404);
  }

  /** The pool's orders, newest first, as ListOrders answers them. */
  public JsonNode orders(String display) {
    HttpResult result = tenant.viewer().get(ordersPath() + "?involvedName=" + display);
    assertEquals(200, result.status(), result.rawBody());
    return result.body();
  }

  /** Waits until the newest order of the pool has finished, and answers it. */
  public JsonNode awaitLatestOrderFinished(String display) {
    return Eventually.until(
        () -> orders(display).get("items").get(0),
        o ->
            o.get("phase").asText().equals("successed")
                || o.get("phase").asText().equals("failed"));
  }

  public int nodeCount(String display) {
    return tenant.viewer().get(poolPath(display) + "/nodes").body().get("items").size();
  }
}
