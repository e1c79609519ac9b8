package io.quartermaster.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.PoolDriver;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.SseClient;
import io.quartermaster.testing.SseClient.Event;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The event streams read by a real SSE client while orders run: every event once, in order, with
 * the order's progress; resuming with {@code Last-Event-ID}; a finished order's stream replays and
 * ends; heartbeats while quiet.
 */
class EventStreamTest {

  private static final TestServer SERVER = TestServer.get();
  // The flavor with the most room: nodes taken by the shared server's tests are never given back,
  // and the scarcer ones are for the tests that need them.
  private static final String ROOMY = "modelarts.vm.cpu.2u.d";
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final Tenant tenant = SERVER.newTenant();
  private final PoolDriver pools = new PoolDriver(tenant);

  private String events() {
    return "/v1/" + tenant.projectId() + "/events";
  }

  private String orderEvents(String order) {
    return "/v1/" + tenant.projectId() + "/orders/" + order + "/events";
  }

  private static String orderName(JsonNode pool) {
    return pool.at("/metadata/labels/os.modelarts~1order.name").asText();
  }

  @Test
  void theProjectStreamShowsEveryStepOfARunningOrderOnceAndInOrder() {
    try (SseClient stream = SseClient.open(tenant.viewer(), events())) {
      assertEquals(200, stream.status());
      assertTrue(stream.header("Content-Type").startsWith("text/event-stream"));
      assertEquals("no-cache", stream.header("Cache-Control"));
      assertTrue(stream.header("X-Request-Id") != null);
      String order = orderName(pools.create(Pools.body(Pools.uniqueName(), ROOMY, 3)));

      List<Event> seen = stream.until("order.successed", WAIT);

      assertEquals(
          List.of(
              "order.placed",
              "order.processing",
              "item.processing",
              "item.succeed",
              // The pool's three nodes are begun together, then each settles.
              "item.processing",
              "item.processing",
              "item.processing",
              "item.succeed",
              "item.succeed",
              "item.succeed",
              "order.successed"),
          seen.stream().map(Event::event).toList());
      for (int i = 0; i < seen.size(); i++) {
        Event event = seen.get(i);
        assertEquals(i + 1, Long.parseLong(event.id()), "gap-free, from the project's first event");
        assertEquals(event.id(), event.data().get("id").asText());
        assertEquals(event.event(), event.data().get("type").asText());
        assertEquals(order, event.data().get("orderName").asText());
        assertEquals("apply", event.data().get("operation").asText());
        assertEquals(4, event.data().at("/progress/total").asInt());
      }
      assertEquals("processing", seen.get(0).data().get("phase").asText(), seen.get(0).toString());
      List<Integer> settled = new ArrayList<>();
      List<String> items = new ArrayList<>();
      for (Event event : seen) {
        settled.add(event.data().at("/progress/settled").asInt());
        if (event.event().startsWith("item.")) {
          assertEquals("processing", event.data().get("phase").asText());
          items.add(event.data().at("/item/action").asText() + ":" + event.data().at("/item/seq"));
        }
      }
      assertEquals(List.of(0, 0, 0, 1, 1, 1, 1, 2, 3, 4, 4), settled);
      assertEquals(
          List.of("createPool:0", "createPool:0", "createNode:1", "createNode:2", "createNode:3"),
          items.subList(0, 5));
      // The nodes settle in the order the provider answered them.
      assertEquals(
          java.util.Set.of("createNode:1", "createNode:2", "createNode:3"),
          java.util.Set.copyOf(items.subList(5, 8)));
      assertEquals("successed", seen.getLast().data().get("phase").asText());
    }
  }

  @Test
  void aFinishedOrdersStreamReplaysItsWholeHistoryAndEnds() {
    String display = Pools.uniqueName();
    String order = orderName(pools.create(Pools.body(display, ROOMY, 1)));
    pools.awaitLatestOrderFinished(display);
    // Another order's events in the same project are not part of this order's stream.
    pools.create(Pools.body(Pools.uniqueName(), ROOMY, 1));

    try (SseClient stream = SseClient.open(tenant.viewer(), orderEvents(order))) {
      // No event is of that type: this returns only once the server ended the stream.
      List<Event> seen = stream.until("(none)", WAIT);

      assertEquals(
          List.of(
              "order.placed",
              "order.processing",
              "item.processing",
              "item.succeed",
              "item.processing",
              "item.succeed",
              "order.successed"),
          seen.stream().map(Event::event).toList());
      assertTrue(seen.stream().allMatch(e -> e.data().get("orderName").asText().equals(order)));

      // Resuming after the final event: nothing more to say, and the stream ends at once.
      String last = seen.getLast().id();
      try (SseClient resumed =
          SseClient.open(tenant.viewer(), orderEvents(order), Map.of("Last-Event-ID", last))) {
        assertEquals(200, resumed.status());
        assertNull(resumed.next(WAIT));
      }
    }
  }

  @Test
  void anOrdersStreamIsFoundByItsOrderIdToo() {
    JsonNode pool = pools.create(Pools.body(Pools.uniqueName(), ROOMY, 1));
    String orderId = pool.at("/metadata/annotations/os.modelarts~1order.id").asText();

    try (SseClient stream = SseClient.open(tenant.viewer(), orderEvents(orderId))) {
      List<Event> seen = stream.until("order.successed", WAIT);
      assertEquals("order.placed", seen.getFirst().event());
      assertEquals(orderId, seen.getFirst().data().get("orderId").asText());
      assertEquals("order.successed", seen.getLast().event());
    }
  }

  /**
   * A yearly order waits for payment: the client reads its first event and goes away; the order is
   * paid and runs; the client comes back with the id it had and gets the rest, nothing twice.
   */
  @Test
  void reconnectingWithLastEventIdMidOrderGetsTheRestWithoutGapOrDuplicate() {
    String order = orderName(pools.create(Pools.yearly(Pools.body(Pools.uniqueName(), ROOMY, 2))));
    String lastId;
    try (SseClient first = SseClient.open(tenant.viewer(), orderEvents(order))) {
      Event placed = first.next(WAIT);
      assertEquals("order.placed", placed.event());
      assertEquals("pending", placed.data().get("phase").asText());
      assertTrue(placed.data().at("/detail/awaitingPayment").asBoolean(), placed.toString());
      lastId = placed.id();
    }
    HttpResult paid =
        tenant.member().post("/v1/" + tenant.projectId() + "/orders/" + order + "/pay", null);
    assertEquals(200, paid.status(), paid::toString);

    try (SseClient resumed =
        SseClient.open(tenant.viewer(), orderEvents(order), Map.of("Last-Event-ID", lastId))) {
      List<Event> rest = resumed.until("order.successed", WAIT);

      assertEquals("order.paid", rest.getFirst().event());
      assertEquals(
          Long.parseLong(lastId) + 1, Long.parseLong(rest.getFirst().id()), "no gap after the id");
      assertEquals("processing", rest.getFirst().data().get("phase").asText());
      assertEquals(tenant.memberName(), rest.getFirst().data().at("/detail/by").asText());
      for (int i = 1; i < rest.size(); i++) {
        assertEquals(
            Long.parseLong(rest.get(i - 1).id()) + 1,
            Long.parseLong(rest.get(i).id()),
            rest.toString());
      }
      assertEquals(
          List.of("order.paid", "order.processing", "item.processing", "item.succeed"),
          rest.subList(0, 4).stream().map(Event::event).toList());
      assertNull(resumed.next(WAIT));
    }
  }

  @Test
  void theProjectStreamResumesAfterAnIdGivenAsAQueryParameter() {
    String display = Pools.uniqueName();
    pools.create(Pools.body(display, ROOMY, 1));
    pools.awaitLatestOrderFinished(display);

    try (SseClient stream = SseClient.open(tenant.viewer(), events() + "?after=3")) {
      List<Event> seen = stream.until("order.successed", WAIT);
      assertEquals(List.of("4", "5", "6", "7"), seen.stream().map(Event::id).toList());
      // Last-Event-ID, which a reconnecting client sends, wins over the URL's after.
      try (SseClient resumed =
          SseClient.open(tenant.viewer(), events() + "?after=1", Map.of("Last-Event-ID", "6"))) {
        assertEquals("7", resumed.next(WAIT).id());
      }
    }
  }

  @Test
  void aQuietStreamSendsHeartbeats() {
    try (SseClient stream = SseClient.open(tenant.viewer(), events())) {
      io.quartermaster.testing.Eventually.until(stream::comments, n -> n >= 2, WAIT);
    }
  }

  @Test
  void openStreamsAreCountedInTheMetricsByKind() {
    String order = orderName(pools.create(Pools.yearly(Pools.body(Pools.uniqueName(), ROOMY, 1))));
    try (SseClient project = SseClient.open(tenant.viewer(), events());
        SseClient one = SseClient.open(tenant.viewer(), orderEvents(order))) {
      assertEquals("order.placed", one.next(WAIT).event());
      String scrape = SERVER.client().get("/metrics").rawBody();
      for (String kind : List.of("project", "order")) {
        String line =
            scrape
                .lines()
                .filter(l -> l.startsWith("qm_event_stream_subscribers{stream=\"" + kind + "\""))
                .findFirst()
                .orElseThrow(() -> new AssertionError(kind + " not in " + scrape));
        assertTrue(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) >= 1, line);
      }
    }
  }

  @Test
  void aStreamThatTheClientDropsIsClosedOnTheServerToo() {
    int before = SERVER.openEventStreams();
    SseClient stream = SseClient.open(tenant.viewer(), events());
    io.quartermaster.testing.Eventually.until(SERVER::openEventStreams, n -> n > before, WAIT);
    stream.close();
    // Noticed at the next write: a heartbeat, at most one heartbeat interval later.
    io.quartermaster.testing.Eventually.until(SERVER::openEventStreams, n -> n <= before, WAIT);
  }
}
