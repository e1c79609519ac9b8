package io.quartermaster.engine.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.engine.webhook.OperatorEndpoint.Call;
import io.quartermaster.engine.webhook.OperatorEndpoint.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An order's node items carried out together, through a real operator endpoint that counts the
 * calls it has in flight: at most {@link #PER_ORDER} of one order and {@link #PER_INSTANCE} of the
 * whole instance at once, each item exactly once, the pool first, and the order's result, nodes and
 * events as if the items had run one after another.
 */
class ParallelItemsTest {

  private static final String SECRET = "parallel-items-webhook-secret";
  private static final String CPU = "modelarts.vm.cpu.8ud";
  private static final int PER_ORDER = 4;
  private static final int PER_INSTANCE = 6;

  @TempDir static Path dataDir;
  private static OperatorEndpoint endpoint;
  private static QuartermasterWithWebhook qm;

  /** Node calls in flight: per pool, and over the whole instance. */
  private final Map<String, InFlight> perPool = new ConcurrentHashMap<>();

  private final InFlight instance = new InFlight();

  @BeforeAll
  static void start() {
    endpoint = OperatorEndpoint.start(SECRET);
    // A timeout well above the calls' 150 ms, so that no call is sent twice on a busy machine.
    qm =
        new QuartermasterWithWebhook(
            dataDir, endpoint.url(), SECRET, PER_ORDER, PER_INSTANCE, Duration.ofSeconds(10));
  }

  @AfterAll
  static void stop() {
    if (qm != null) {
      qm.close();
    }
    endpoint.close();
  }

  @Test
  void nodeItemsRunTogetherWithinBothBoundsAndEachExactlyOnce() throws Exception {
    List<String> pools = List.of(uniqueName(), uniqueName());
    for (String display : pools) {
      endpoint.script(qm.poolName(display), slowNodes(display, call -> Reply.succeeded()));
    }
    List<JsonNode> created = new ArrayList<>();
    for (String display : pools) {
      created.add(qm.createPool(display, CPU, 12));
    }

    for (int i = 0; i < pools.size(); i++) {
      String display = pools.get(i);
      JsonNode pool = qm.awaitPhase(display, "Running");
      assertEquals(12, pool.at("/status/resources/available/0/count").asInt());
      List<Call> calls = endpoint.calls(qm.poolName(display));
      assertEquals("createPool", calls.get(0).action(), "the pool is created first");
      assertEquals(
          13, calls.size(), "one call per item: " + calls.stream().map(Call::key).toList());
      assertEquals(13, calls.stream().map(Call::key).distinct().count(), "each key once");
      int most = perPool.get(display).most.get();
      assertTrue(most <= PER_ORDER, "at most " + PER_ORDER + " nodes of one order, saw " + most);
      assertTrue(most > 1, "nodes of one order ran together");
      String orderName = orderName(created.get(i));
      assertEquals(12, resultCount(orderName));
      assertEventsOnceEachAndFinalLast(orderName, 13, "order.successed");
    }
    int most = instance.most.get();
    assertTrue(most <= PER_INSTANCE, "at most " + PER_INSTANCE + " in the instance, saw " + most);
  }

  @Test
  void aRefusedNodeStopsTheOrderOnceTheNodesInFlightHaveSettled() throws Exception {
    String display = uniqueName();
    // The first node is refused at once; the other nodes in flight take a while to succeed.
    endpoint.script(
        qm.poolName(display),
        slowNodes(
            display,
            call -> call.key().endsWith("-1") ? Reply.failed("no room") : Reply.succeeded()));
    JsonNode created = qm.createPool(display, CPU, 10);

    JsonNode pool = qm.awaitPhase(display, "CreationFailed");

    List<Call> calls = endpoint.calls(qm.poolName(display));
    assertEquals(
        1 + PER_ORDER,
        calls.size(),
        "no node is started after the refusal, and those in flight were each called once");
    assertEquals(calls.size(), calls.stream().map(Call::key).distinct().count());
    String orderName = orderName(created);
    int succeeded = PER_ORDER - 1;
    assertEquals(succeeded, pool.at("/status/resources/available/0/count").asInt());
    assertEquals(succeeded, resultCount(orderName), "the result is what exists");
    assertTrue(qm.failReason(display).contains("no room"), qm.failReason(display));
    assertEventsOnceEachAndFinalLast(orderName, 1 + PER_ORDER, "order.failed");
    Map<String, Integer> statuses = itemStatuses(orderName);
    assertEquals(
        Map.of("succeed", 1 + succeeded, "failed", 1, "planned", 10 - PER_ORDER), statuses);
  }

  /** Node calls wait 150 ms (counted while in flight) and then answer {@code reply}. */
  private OperatorEndpoint.Script slowNodes(String display, Function<Call, Reply> reply) {
    InFlight pool = perPool.computeIfAbsent(display, d -> new InFlight());
    return call -> {
      if (!call.action().equals("createNode")) {
        return Reply.succeeded();
      }
      Reply answer = reply.apply(call);
      if (answer.body().contains("failed")) {
        return answer;
      }
      pool.enter();
      instance.enter();
      try {
        Thread.sleep(150);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        instance.leave();
        pool.leave();
      }
      return answer;
    };
  }

  private void assertEventsOnceEachAndFinalLast(String orderName, int items, String last) {
    List<Map<String, Object>> events =
        qm.jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            """
                            select kind, payload ->> 'seq' as item from order_events
                            where project_id = :p and order_name = :n order by seq
                            """)
                        .bind("p", qm.projectId())
                        .bind("n", orderName)
                        .mapToMap()
                        .list());
    assertEquals(last, events.get(events.size() - 1).get("kind"), "the order's end comes last");
    Map<String, Long> perItemAndKind =
        events.stream()
            .filter(e -> e.get("item") != null)
            .collect(
                Collectors.groupingBy(
                    e -> e.get("item") + " " + e.get("kind"), Collectors.counting()));
    perItemAndKind.forEach((key, count) -> assertEquals(1, count, "event " + key));
    long processing =
        perItemAndKind.keySet().stream().filter(k -> k.endsWith("item.processing")).count();
    assertEquals(items, processing, "each item carried out began once");
    assertEquals(2 * items, perItemAndKind.size(), "and settled once");
  }

  private int resultCount(String orderName) {
    return qm.jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        """
                        select coalesce(sum((c ->> 'count')::int), 0) from orders,
                          jsonb_array_elements(result_count) c
                        where project_id = :p and order_name = :n
                        """)
                    .bind("p", qm.projectId())
                    .bind("n", orderName)
                    .mapTo(Integer.class)
                    .one());
  }

  private Map<String, Integer> itemStatuses(String orderName) {
    return qm.jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        """
                        select i.status, count(*)::int as n from orders o
                        join order_items i on i.order_id = o.id
                        where o.project_id = :p and o.order_name = :n group by i.status
                        """)
                    .bind("p", qm.projectId())
                    .bind("n", orderName)
                    .reduceRows(
                        new java.util.TreeMap<String, Integer>(),
                        (map, row) -> {
                          map.put(
                              row.getColumn("status", String.class),
                              row.getColumn("n", Integer.class));
                          return map;
                        }));
  }

  private static String orderName(JsonNode pool) {
    return pool.at("/metadata/labels/os.modelarts~1order.name").asText();
  }

  private static String uniqueName() {
    return "par-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Counts calls in flight and remembers the most there were at once. */
  private static final class InFlight {
    private final AtomicInteger now = new AtomicInteger();
    private final AtomicInteger most = new AtomicInteger();

    void enter() {
      most.accumulateAndGet(now.incrementAndGet(), Math::max);
    }

    void leave() {
      now.decrementAndGet();
    }
  }
}
