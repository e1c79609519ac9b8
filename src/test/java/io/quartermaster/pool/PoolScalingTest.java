package io.quartermaster.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.PoolDriver;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PoolScalingTest {

  private final Tenant tenant = TestServer.get().newTenant();
  private final PoolDriver pools = new PoolDriver(tenant);

  @Test
  void newCountsPlaceAModifyOrderThatScalesThePoolOut() {
    String display = Pools.uniqueName();
    JsonNode before = pools.createRunning(display, Pools.CPU, 2);

    HttpResult patched = tenant.member().patch(pools.poolPath(display), resources(4));

    assertEquals(200, patched.status(), patched.rawBody());
    String orderLabel =
        patched.body().get("metadata").get("labels").get("os.modelarts/order.name").asText();
    assertNotEquals(
        before.get("metadata").get("labels").get("os.modelarts/order.name").asText(), orderLabel);
    JsonNode order = pools.awaitLatestOrderFinished(display);
    assertEquals("modify", order.get("operation").asText());
    assertEquals("successed", order.get("phase").asText());
    assertEquals(orderLabel, order.get("orderName").asText());
    assertEquals(2, order.get("initCount").get(0).get("count").asInt());
    assertEquals(4, order.get("specCount").get(0).get("count").asInt());
    assertEquals(4, order.get("resultCount").get(0).get("count").asInt());
    assertEquals(4, pools.nodeCount(display));
    assertEquals(
        4,
        pools
            .awaitPhase(display, "Running")
            .get("spec")
            .get("resources")
            .get(0)
            .get("count")
            .asInt());
  }

  @Test
  void lowerCountsDeleteTheNewestNodes() {
    String display = Pools.uniqueName();
    pools.createRunning(display, Pools.CPU, 3);
    List<String> nodes = nodeNames(display);

    tenant.member().patch(pools.poolPath(display), resources(1));

    assertEquals("successed", pools.awaitLatestOrderFinished(display).get("phase").asText());
    List<String> left = nodeNames(display);
    assertEquals(1, left.size());
    assertTrue(nodes.contains(left.get(0)));
  }

  @Test
  void labelsAndDescriptionAlonePlaceNoOrder() {
    String display = Pools.uniqueName();
    pools.createRunning(display, Pools.CPU, 1);
    Map<String, Object> patch =
        Map.of(
            "metadata",
            Map.of(
                "labels", Map.of("team", "vision"),
                "annotations", Map.of("os.modelarts/description", "nightly jobs")));

    HttpResult patched =
        tenant
            .member()
            .withHeader("Content-Type", "application/merge-patch+json")
            .patch(pools.poolPath(display), patch);

    assertEquals(200, patched.status(), patched.rawBody());
    assertEquals("vision", patched.body().get("metadata").get("labels").get("team").asText());
    assertEquals(
        "nightly jobs",
        patched.body().get("metadata").get("annotations").get("os.modelarts/description").asText());
    assertEquals(1, pools.orders(display).get("count").asInt());
  }

  @Test
  void badPatchesAreRefusedAndChangeNothing() {
    String display = Pools.uniqueName();
    JsonNode before = pools.createRunning(display, Pools.CPU, 1);
    List<Map<String, Object>> bad =
        List.of(
            Map.of("metadata", Map.of("labels", Map.of("os.modelarts/name", "renamed"))),
            Map.of("metadata", Map.of("annotations", Map.of("os.modelarts/billing.mode", "1"))),
            Map.of("spec", Map.of("resources", List.of(Pools.resource("modelarts.vm.none", 1)))),
            Map.of("spec", Map.of("resources", List.of(Pools.resource(Pools.CPU, -1)))),
            Map.of("spec", Map.of("resources", List.of())),
            Map.of("spec", Map.of("type", "Logical")));
    for (Map<String, Object> patch : bad) {
      HttpResult result = tenant.member().patch(pools.poolPath(display), patch);
      assertEquals(400, result.status(), patch + " -> " + result.rawBody());
      assertEquals("ModelArts.50004000", result.errorCode());
    }
    HttpResult wrongType =
        tenant
            .member()
            .withHeader("Content-Type", "text/plain")
            .patch(pools.poolPath(display), resources(2));
    assertEquals(415, wrongType.status());
    assertEquals("ModelArts.50004000", wrongType.errorCode());
    assertEquals(
        before.get("metadata"),
        tenant.viewer().get(pools.poolPath(display)).body().get("metadata"));
    assertEquals(1, pools.orders(display).get("count").asInt());
  }

  @Test
  void scalingBeyondTheQuotaIsRefused() {
    String display = Pools.uniqueName();
    pools.createRunning(display, Pools.CPU, 1);
    HttpResult result = tenant.member().patch(pools.poolPath(display), resources(101));
    assertEquals(400, result.status());
    assertEquals("ModelArts.3561", result.errorCode());
    assertEquals(
        "Insufficient node quota. The project's quota is 100 nodes; its other pools use 0 and"
            + " this asks for 101.",
        result.body().get("error_msg").asText());
    assertEquals(1, pools.orders(display).get("count").asInt());
  }

  @Test
  void aBadPatchOfAnUnknownPoolIs400BecauseInputIsCheckedBeforeExistence() {
    HttpResult result =
        tenant
            .member()
            .patch(
                pools.poolPath("nope-pool"),
                Map.of(
                    "spec", Map.of("resources", List.of(Pools.resource("modelarts.vm.none", 1)))));
    assertEquals(400, result.status(), result.rawBody());
    assertEquals("ModelArts.50004000", result.errorCode());
  }

  @Test
  void patchingAnUnknownPoolIs404AndViewersMayNotPatch() {
    HttpResult unknown = tenant.member().patch(pools.poolPath("nope-pool"), resources(1));
    assertEquals(404, unknown.status());
    assertEquals("ModelArts.50015001", unknown.errorCode());
    HttpResult viewer = tenant.viewer().patch(pools.poolPath("nope-pool"), resources(1));
    assertEquals(403, viewer.status());
    assertEquals("ModelArts.0108", viewer.errorCode());
  }

  @Test
  void racingChangesOfOnePoolPlaceOneOrderAndTheRestAre409() throws Exception {
    String display = Pools.uniqueName();
    pools.createRunning(display, "modelarts.vm.cpu.2u.d", 1);
    int racers = 6;
    List<Thread> threads = new ArrayList<>();
    List<HttpResult> results = java.util.Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    for (int i = 0; i < racers; i++) {
      int count = 40 + i;
      threads.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      start.await();
                    } catch (InterruptedException e) {
                      return;
                    }
                    results.add(
                        tenant
                            .member()
                            .patch(
                                pools.poolPath(display),
                                resourcesOf("modelarts.vm.cpu.2u.d", count)));
                  }));
    }
    start.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    long placed = results.stream().filter(r -> r.status() == 200).count();
    assertEquals(1, placed, results.toString());
    for (HttpResult result : results) {
      if (result.status() != 200) {
        assertEquals(409, result.status(), result.rawBody());
        assertEquals("ModelArts.50015002", result.errorCode());
        assertTrue(
            result
                .body()
                .get("error_msg")
                .asText()
                .startsWith("Pool " + display + " has an order in progress: order."));
      }
    }
    assertEquals(2, pools.orders(display).get("count").asInt());
  }

  private List<String> nodeNames(String display) {
    List<String> names = new ArrayList<>();
    tenant
        .viewer()
        .get(pools.poolPath(display) + "/nodes")
        .body()
        .get("items")
        .forEach(n -> names.add(n.get("metadata").get("name").asText()));
    return names;
  }

  private static Map<String, Object> resources(int count) {
    return resourcesOf(Pools.CPU, count);
  }

  private static Map<String, Object> resourcesOf(String flavor, int count) {
    return Map.of("spec", Map.of("resources", List.of(Pools.resource(flavor, count))));
  }
}
