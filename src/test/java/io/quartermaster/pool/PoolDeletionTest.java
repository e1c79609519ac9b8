package io.quartermaster.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

class PoolDeletionTest {

  private final Tenant tenant = TestServer.get().newTenant();
  private final PoolDriver pools = new PoolDriver(tenant);

  @Test
  void deletingAPoolPlacesADeleteOrderAndThePoolGoesAwayWhileItsOrdersStay() {
    String display = Pools.uniqueName();
    pools.createRunning(display, Pools.CPU, 2);

    HttpResult deleted = tenant.member().delete(pools.poolPath(display));

    assertEquals(200, deleted.status(), deleted.rawBody());
    assertEquals("Deleting", deleted.body().get("status").get("phase").asText());
    assertTrue(deleted.body().get("metadata").get("deletionTimestamp").asText().endsWith("Z"));
    pools.awaitGone(display);
    HttpResult gone = tenant.viewer().get(pools.poolPath(display));
    assertEquals("ModelArts.50015001", gone.errorCode());
    assertEquals(0, tenant.viewer().get(pools.poolsPath()).body().get("items").size());

    JsonNode orders = pools.orders(display);
    assertEquals(2, orders.get("count").asInt());
    JsonNode delete = orders.get("items").get(0);
    assertEquals("delete", delete.get("operation").asText());
    assertEquals("successed", delete.get("phase").asText());
    assertEquals(0, delete.get("specCount").size());
    assertEquals(0, delete.get("resultCount").size());
    assertEquals(2, delete.get("initCount").get(0).get("count").asInt());
    assertEquals(
        List.of("deleteNode", "deleteNode", "deletePool"),
        actions(delete.get("orderName").asText()));
    assertEquals(2, pools.orders(Pools.poolName(display, tenant.projectId())).get("count").asInt());
  }

  @Test
  void deletedNodesGiveTheirCapacityBack() {
    String scarce = TestServer.scarceFlavor();
    String display = Pools.uniqueName();
    pools.createRunning(display, scarce, TestServer.SCARCE_CAPACITY);
    tenant.member().delete(pools.poolPath(display));
    pools.awaitGone(display);

    String again = Pools.uniqueName();
    pools.createRunning(again, scarce, TestServer.SCARCE_CAPACITY);
    tenant.member().delete(pools.poolPath(again));
    pools.awaitGone(again);
  }

  @Test
  void aPoolCanBeCreatedAgainUnderTheNameOfADeletedOne() {
    String display = Pools.uniqueName();
    pools.createRunning(display, Pools.CPU, 1);
    tenant.member().delete(pools.poolPath(display));
    pools.awaitGone(display);

    pools.createRunning(display, Pools.CPU, 1);

    assertEquals(3, pools.orders(display).get("count").asInt());
  }

  @Test
  void aDeletedPoolCannotBeDeletedOrScaledAgain() {
    String display = Pools.uniqueName();
    pools.createRunning(display, Pools.CPU, 1);
    tenant.member().delete(pools.poolPath(display));
    pools.awaitGone(display);

    HttpResult again = tenant.member().delete(pools.poolPath(display));
    assertEquals(404, again.status());
    assertEquals("ModelArts.50015001", again.errorCode());
    HttpResult scale =
        tenant
            .member()
            .patch(
                pools.poolPath(display),
                Map.of("spec", Map.of("resources", List.of(Pools.resource(Pools.CPU, 2)))));
    assertEquals(404, scale.status());
    assertEquals(2, pools.orders(display).get("count").asInt());
  }

  @Test
  void aPoolWithAnUnfinishedOrderCannotBeDeleted() {
    String display = Pools.uniqueName();
    pools.create(Pools.yearly(Pools.body(display, Pools.CPU, 1)));

    HttpResult result = tenant.member().delete(pools.poolPath(display));

    assertEquals(409, result.status(), result.rawBody());
    assertEquals("ModelArts.50015002", result.errorCode());
    assertEquals(
        "Waiting",
        tenant.viewer().get(pools.poolPath(display)).body().get("status").get("phase").asText());
    assertEquals(1, pools.orders(display).get("count").asInt());
  }

  @Test
  void viewersMayNotDeletePools() {
    String display = Pools.uniqueName();
    pools.createRunning(display, Pools.CPU, 1);
    HttpResult result = tenant.viewer().delete(pools.poolPath(display));
    assertEquals(403, result.status());
    assertEquals("ModelArts.0108", result.errorCode());
    assertEquals(
        "Running",
        tenant.viewer().get(pools.poolPath(display)).body().get("status").get("phase").asText());
  }

  private List<String> actions(String orderName) {
    JsonNode items = tenant.viewer().get(pools.ordersPath() + "/" + orderName).body().get("items");
    List<String> actions = new ArrayList<>();
    items.forEach(i -> actions.add(i.get("action").asText()));
    return actions;
  }
}
