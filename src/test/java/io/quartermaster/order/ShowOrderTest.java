package io.quartermaster.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.json.Json;
import io.quartermaster.pool.PoolRow;
import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ShowOrder over HTTP (CONTRACT §2.2): the items that have begun, under both key spellings. */
class ShowOrderTest {

  private final TestServer server = TestServer.get();
  private final OrderFixtures fixtures = new OrderFixtures(server.jdbi());
  private final Instant now = server.clock().instant().truncatedTo(ChronoUnit.MILLIS);
  private final Instant began = now.minus(Duration.ofHours(2));
  private String projectId;
  private ApiClient viewer;
  private PoolRow pool;
  private OrderFixtures.Inserted order;

  /** An apply order whose items stand in every status, planned ones included. */
  @BeforeEach
  void orderWithItemsInEveryStatus() {
    var tenant = server.newTenant();
    projectId = tenant.projectId();
    viewer = tenant.viewer();
    pool = fixtures.pool(projectId, "pool-9495", "0", began);
    order = fixtures.order(pool, began).phase("processing").insert();
    Instant nodes = began.plusSeconds(435);
    fixtures.items(
        order,
        PlannedItem.pool(ItemAction.CREATE_POOL, pool.name()),
        node("os-node-created-lq4f8"),
        node("os-node-created-8jsnk"),
        node("os-node-created-ggthb"),
        node("os-node-created-plnd1"),
        node("os-node-created-plnd2"));
    fixtures.item(order, 0, ItemStatus.SUCCEED, null, began, nodes);
    // Seq 2 began before seq 1: items are listed in the order they began.
    fixtures.item(order, 1, ItemStatus.PROCESSING, null, nodes.plusMillis(5), nodes.plusMillis(5));
    fixtures.item(
        order,
        2,
        ItemStatus.FAILED,
        "Capacity of modelarts.vm.cpu.2u.d in az-1 is exhausted.",
        nodes,
        nodes.plusSeconds(30));
    // Same start as seq 2: then by seq.
    fixtures.item(order, 3, ItemStatus.SUCCEED, "", nodes, nodes.plusSeconds(60));
    // Seqs 4 and 5 stay planned.
  }

  private static PlannedItem node(String name) {
    return PlannedItem.node(ItemAction.CREATE_NODE, name, OrderFixtures.TWO_CPU, "az-1");
  }

  private HttpResult show(String name) {
    return viewer.get("/v1/" + projectId + "/orders/" + name);
  }

  private static List<String> resourceNames(HttpResult result) {
    assertEquals(200, result.status(), result::toString);
    return StreamSupport.stream(result.body().get("items").spliterator(), false)
        .map(item -> item.get("resourceName").asText())
        .toList();
  }

  @Test
  void showsTheItemsThatHaveBegunInTheOrderTheyBegan() {
    HttpResult result = show(order.orderName());

    assertEquals(4, result.body().get("count").asInt());
    assertEquals(
        List.of(
            pool.name(), "os-node-created-8jsnk", "os-node-created-ggthb", "os-node-created-lq4f8"),
        resourceNames(result));
    assertFalse(result.rawBody().contains("plnd"), result::toString);
  }

  @Test
  void everyItemFieldIsWrittenUnderBothKeysWithTimestampsAsStrings() throws Exception {
    JsonNode items = show(order.orderName()).body().get("items");
    Instant nodes = began.plusSeconds(435);

    assertEquals(
        Json.mapper()
            .readTree(
                """
                {"resourceName":"%1$s","resourcename":"%1$s","action":"createPool",
                 "status":"succeed","beginTimestamp":"%2$d","begintimestamp":"%2$d",
                 "updateTimestamp":"%3$d","updatetimestamp":"%3$d"}
                """
                    .formatted(pool.name(), began.toEpochMilli(), nodes.toEpochMilli())),
        items.get(0));
    assertEquals(
        Json.mapper()
            .readTree(
                """
                {"resourceName":"os-node-created-8jsnk","resourcename":"os-node-created-8jsnk",
                 "action":"createNode","status":"failed",
                 "beginTimestamp":"%1$d","begintimestamp":"%1$d",
                 "updateTimestamp":"%2$d","updatetimestamp":"%2$d",
                 "message":"Capacity of modelarts.vm.cpu.2u.d in az-1 is exhausted."}
                """
                    .formatted(nodes.toEpochMilli(), nodes.plusSeconds(30).toEpochMilli())),
        items.get(1));
    for (JsonNode item : items) {
      assertTrue(item.get("beginTimestamp").isTextual(), item::toString);
      assertTrue(item.get("begintimestamp").isTextual(), item::toString);
      assertTrue(item.get("updateTimestamp").isTextual(), item::toString);
      assertTrue(item.get("updatetimestamp").isTextual(), item::toString);
    }
    // An empty message is no message, and neither is none.
    assertFalse(items.get(2).has("message"), items.get(2)::toString);
    assertFalse(items.get(3).has("message"), items.get(3)::toString);
  }

  @Test
  void theOrderIdNamesTheOrderToo() {
    HttpResult byName = show(order.orderName());
    HttpResult byId = show(order.orderId());
    assertEquals(200, byId.status(), byId::toString);
    assertEquals(byName.body(), byId.body());
  }

  @Test
  void anOrderWhoseItemsAreAllPlannedHasNone() throws Exception {
    var other = fixtures.pool(projectId, "pool-wait", "0", began);
    var pending = fixtures.order(other, now.minusSeconds(10)).phase("pending").insert();
    fixtures.items(pending, PlannedItem.pool(ItemAction.CREATE_POOL, other.name()));

    assertEquals(
        Json.mapper().readTree("{\"count\":0,\"items\":[]}"), show(pending.orderName()).body());
  }

  @Test
  void anOrderOlderThanTheListingWindowCanStillBeShown() {
    var old = fixtures.pool(projectId, "pool-old1", "0", now.minus(Duration.ofDays(60)));
    var placed = fixtures.order(old, now.minus(Duration.ofDays(60))).insert();
    fixtures.items(placed, PlannedItem.pool(ItemAction.CREATE_POOL, old.name()));
    fixtures.item(placed, 0, ItemStatus.SUCCEED, null, placed.createdAt(), now);

    assertEquals(List.of(old.name()), resourceNames(show(placed.orderName())));
  }

  @Test
  void namesAreMatchedExactly() {
    for (String near :
        List.of(
            order.orderName().toUpperCase(), order.orderId().toLowerCase(), "order.pool-9495")) {
      assertEquals(404, show(near).status(), near);
    }
  }
}
