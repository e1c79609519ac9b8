package io.quartermaster.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/**
 * The read side against orders the service placed and ran itself: a pool created through the pool
 * API shows up in ListOrders and, once the engine is done, in ShowOrder with all its items.
 */
class OrdersOfARealPoolTest {

  private final TestServer server = TestServer.get();

  @Test
  void anAppliedPoolIsListedAndItsItemsShown() throws Exception {
    Tenant tenant = server.newTenant();
    String orders = "/v1/" + tenant.projectId() + "/orders";
    HttpResult created =
        tenant
            .member()
            .post(
                "/v2/" + tenant.projectId() + "/pools",
                """
                {"apiVersion":"v2","kind":"Pool",
                 "metadata":{"labels":{"os.modelarts/name":"pool-e2e1"}},
                 "spec":{"resources":[{"flavor":"modelarts.vm.cpu.2u.d","count":1}]}}
                """);
    assertEquals(200, created.status(), created::toString);

    HttpResult listed = tenant.viewer().get(orders + "?involvedName=pool-e2e1");
    assertEquals(200, listed.status(), listed::toString);
    assertEquals(1, listed.body().get("count").asInt());
    JsonNode order = listed.body().get("items").get(0);
    String orderName = order.get("orderName").asText();
    assertTrue(orderName.matches("order\\.pool-e2e1-[a-z0-9]{5}"), orderName);
    assertTrue(order.get("orderId").asText().matches("CS[0-9]{10}[A-Z0-9]{5}"), order::toString);
    assertEquals("pool-e2e1-" + tenant.projectId(), order.get("resourceName").asText());
    assertEquals("apply", order.get("operation").asText());
    assertEquals("0", order.get("workspaceId").asText());
    assertEquals("modelarts.vm.cpu.2u.d", order.get("specCount").get(0).get("flavor").asText());
    assertEquals(1, order.get("specCount").get(0).get("count").asInt());
    assertFalse(order.has("initCount"), order::toString);
    assertEquals(tenant.memberName(), order.at("/createdBy/userName").asText(), order::toString);
    assertFalse(order.has("periodType"), order::toString);

    JsonNode finished = awaitFinished(tenant, orders, orderName);
    assertEquals("successed", finished.get("phase").asText(), finished::toString);
    assertTrue(finished.get("endTimestamp").asLong() >= finished.get("beginTimestamp").asLong());

    HttpResult shown = tenant.viewer().get(orders + "/" + orderName);
    assertEquals(200, shown.status(), shown::toString);
    List<String> actions = new ArrayList<>();
    for (JsonNode item : shown.body().get("items")) {
      actions.add(item.get("action").asText() + ":" + item.get("status").asText());
      assertEquals(item.get("resourceName"), item.get("resourcename"));
      assertTrue(item.get("begintimestamp").isTextual(), item::toString);
      assertTrue(item.get("updateTimestamp").asText().matches("[0-9]+"), item::toString);
    }
    assertEquals(List.of("createPool:succeed", "createNode:succeed"), actions);
    assertEquals(2, shown.body().get("count").asInt());
    assertEquals(
        shown.body(), tenant.viewer().get(orders + "/" + order.get("orderId").asText()).body());
  }

  private static JsonNode awaitFinished(Tenant tenant, String orders, String orderName)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    StringJoiner seen = new StringJoiner(", ");
    while (Instant.now().isBefore(deadline)) {
      JsonNode order = tenant.viewer().get(orders).body().get("items").get(0);
      String phase = order.get("phase").asText();
      seen.add(phase);
      if (phase.equals("successed") || phase.equals("failed")) {
        assertEquals(orderName, order.get("orderName").asText());
        return order;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("order " + orderName + " did not finish; phases seen: " + seen);
  }
}
