package io.quartermaster.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.PoolDriver;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.SseClient;
import io.quartermaster.testing.SseClient.Event;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The bulk loader writes what the service writes: orders it loads read back through every API
 * (ListOrders, ShowOrder, the pool and node APIs, the event streams) in the same shape as an order
 * the service carried out itself, and the project's event log stays gap-free.
 */
class BulkOrdersTest {

  private static final TestServer SERVER = TestServer.get();

  @Test
  void loadedOrdersLookLikeOnesTheServiceCarriedOut() throws Exception {
    Tenant tenant = SERVER.newTenant();
    PoolDriver pools = new PoolDriver(tenant);
    String display = Pools.uniqueName();
    pools.create(Pools.body(display, "modelarts.vm.cpu.2u.d", 1));
    JsonNode real = pools.awaitLatestOrderFinished(display);
    Instant now = SERVER.clock().instant();

    long loaded =
        SERVER
            .jdbi()
            .withHandle(
                h ->
                    BulkOrders.load(
                        h.getConnection(),
                        List.of(tenant.projectId()),
                        new BulkOrders.Options(3, 1, Duration.ofDays(1), now, 7)));
    assertEquals(3, loaded);

    HttpResult list = tenant.viewer().get(pools.ordersPath() + "?limit=10");
    assertEquals(4, list.body().get("count").asInt(), list::toString);
    List<JsonNode> bulk = new ArrayList<>();
    list.body()
        .get("items")
        .forEach(
            o -> {
              if (!o.get("orderName").asText().equals(real.get("orderName").asText())) {
                bulk.add(o);
              }
            });
    assertEquals(3, bulk.size());
    JsonNode order = bulk.getFirst();
    assertEquals(fields(real), fields(order));
    assertEquals(fields(real.get("resultCount").get(0)), fields(order.get("resultCount").get(0)));
    assertEquals(
        real.get("specCount").toString().replaceAll("\"(count|maxCount)\":\\d+", ""),
        order.get("specCount").toString().replaceAll("\"(count|maxCount)\":\\d+", ""));
    assertEquals("successed", order.get("phase").asText());
    assertNotEquals(0, order.get("endTimestamp").asLong());

    JsonNode realItems = show(tenant, real.get("orderName").asText());
    JsonNode items = show(tenant, order.get("orderName").asText());
    assertEquals(realItems.get("count"), items.get("count"));
    for (int i = 0; i < realItems.get("items").size(); i++) {
      assertEquals(fields(realItems.at("/items/" + i)), fields(items.at("/items/" + i)));
      assertEquals(realItems.at("/items/" + i + "/action"), items.at("/items/" + i + "/action"));
    }

    JsonNode realPool = tenant.viewer().get(pools.poolPath(display)).body();
    String loadedPool = order.get("resourceName").asText();
    JsonNode pool = tenant.viewer().get(pools.poolsPath() + "/" + loadedPool).body();
    assertEquals(fields(realPool), fields(pool));
    assertEquals(fields(realPool.get("metadata")), fields(pool.get("metadata")));
    assertEquals(fields(realPool.at("/metadata/labels")), fields(pool.at("/metadata/labels")));
    assertEquals("Running", pool.at("/status/phase").asText());
    assertEquals(
        1,
        tenant
            .viewer()
            .get(pools.poolsPath() + "/" + loadedPool + "/nodes")
            .body()
            .get("items")
            .size());

    List<Event> realEvents = events(tenant, real.get("orderName").asText());
    List<Event> events = events(tenant, order.get("orderName").asText());
    assertEquals(
        realEvents.stream().map(Event::event).toList(), events.stream().map(Event::event).toList());
    for (int i = 0; i < events.size(); i++) {
      assertEquals(
          fields(realEvents.get(i).data()), fields(events.get(i).data()), events.get(i).toString());
    }
    // The whole log, numbered on from the real order's events without a gap.
    try (SseClient log =
        SseClient.open(tenant.viewer(), "/v1/" + tenant.projectId() + "/events?after=0")) {
      for (int seq = 1; seq <= 4 * 7; seq++) {
        assertEquals(Integer.toString(seq), log.next(Duration.ofSeconds(30)).id());
      }
    }
  }

  private static JsonNode show(Tenant tenant, String order) {
    return tenant.viewer().get("/v1/" + tenant.projectId() + "/orders/" + order).body();
  }

  private static List<Event> events(Tenant tenant, String order) {
    try (SseClient stream =
        SseClient.open(
            tenant.viewer(), "/v1/" + tenant.projectId() + "/orders/" + order + "/events")) {
      return stream.until("order.successed", Duration.ofSeconds(30));
    }
  }

  private static TreeSet<String> fields(JsonNode node) {
    TreeSet<String> names = new TreeSet<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
