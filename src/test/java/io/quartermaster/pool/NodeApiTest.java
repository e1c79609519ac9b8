package io.quartermaster.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.PoolDriver;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NodeApiTest {

  private final Tenant tenant = TestServer.get().newTenant();
  private final PoolDriver pools = new PoolDriver(tenant);
  private final String display = Pools.uniqueName();

  @BeforeEach
  void runningPool() {
    pools.createRunning(display, Pools.CPU, 3);
  }

  @Test
  void listsThePoolsNodesAsANodeList() {
    HttpResult result = tenant.viewer().get(nodesPath());

    assertEquals(200, result.status(), result.rawBody());
    assertEquals("NodeList", result.body().get("kind").asText());
    JsonNode node = result.body().get("items").get(0);
    assertEquals("Node", node.get("kind").asText());
    assertEquals(
        true, node.get("metadata").get("name").asText().matches("os-node-created-[a-z0-9]{5}"));
    assertEquals(Pools.CPU, node.get("spec").get("flavor").asText());
    assertEquals("Available", node.get("status").get("phase").asText());
    assertEquals(true, node.get("status").get("az").asText().startsWith("az-1"));
  }

  @Test
  void pagesWithLimitAndContinue() {
    JsonNode first = tenant.viewer().get(nodesPath() + "?limit=2").body();
    assertEquals(2, first.get("items").size());
    assertEquals(1, first.get("metadata").get("remainingItemCount").asInt());
    String next = first.get("metadata").get("continue").asText();

    JsonNode second = tenant.viewer().get(nodesPath() + "?limit=2&continue=" + next).body();

    assertEquals(1, second.get("items").size());
    assertFalse(second.get("metadata").has("continue"));
    List<String> all = names(first);
    all.addAll(names(second));
    assertEquals(names(tenant.viewer().get(nodesPath()).body()), all);
  }

  @Test
  void badLimitsAreRefused() {
    for (String limit : List.of("0", "501", "-1", "x")) {
      HttpResult result = tenant.viewer().get(nodesPath() + "?limit=" + limit);
      assertEquals(400, result.status(), limit);
      assertEquals("ModelArts.50004000", result.errorCode());
    }
  }

  @Test
  void batchDeletePlacesAModifyOrderThatRemovesTheNamedNodes() {
    List<String> before = names(tenant.viewer().get(nodesPath()).body());

    HttpResult result =
        tenant
            .member()
            .post(nodesPath() + "/batch-delete", Map.of("deleteNodeNames", before.subList(0, 2)));

    assertEquals(200, result.status(), result.rawBody());
    JsonNode order = pools.awaitLatestOrderFinished(display);
    assertEquals("modify", order.get("operation").asText());
    assertEquals("successed", order.get("phase").asText());
    assertEquals(1, order.get("specCount").get(0).get("count").asInt());
    assertEquals(List.of(before.get(2)), names(tenant.viewer().get(nodesPath()).body()));
    assertEquals(
        1,
        pools
            .awaitPhase(display, "Running")
            .get("spec")
            .get("resources")
            .get(0)
            .get("count")
            .asInt());
  }

  @Test
  void batchDeleteMustLeaveANodeAndNameRealNodes() {
    List<String> before = names(tenant.viewer().get(nodesPath()).body());
    List<Object> bad =
        List.of(
            Map.of("deleteNodeNames", before),
            Map.of("deleteNodeNames", List.of("os-node-created-zzzzz")),
            Map.of("deleteNodeNames", List.of()),
            Map.of("deleteNodeNames", List.of(before.get(0), before.get(0))),
            Map.of("other", 1));
    for (Object body : bad) {
      HttpResult result = tenant.member().post(nodesPath() + "/batch-delete", body);
      assertEquals(400, result.status(), body + " -> " + result.rawBody());
      assertEquals("ModelArts.50004000", result.errorCode());
    }
    assertEquals(before, names(tenant.viewer().get(nodesPath()).body()));
    assertEquals(1, pools.orders(display).get("count").asInt());
  }

  @Test
  void viewersMayNotDeleteNodes() {
    List<String> before = names(tenant.viewer().get(nodesPath()).body());
    HttpResult result =
        tenant
            .viewer()
            .post(nodesPath() + "/batch-delete", Map.of("deleteNodeNames", before.subList(0, 1)));
    assertEquals(403, result.status());
    assertEquals("ModelArts.0108", result.errorCode());
  }

  private String nodesPath() {
    return pools.poolPath(display) + "/nodes";
  }

  private static List<String> names(JsonNode list) {
    List<String> names = new ArrayList<>();
    list.get("items").forEach(n -> names.add(n.get("metadata").get("name").asText()));
    return names;
  }
}
