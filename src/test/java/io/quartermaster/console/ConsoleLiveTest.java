package io.quartermaster.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.testing.ConsoleBrowser;
import io.quartermaster.testing.DroppableProxy;
import io.quartermaster.testing.Eventually;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.NodeTableLock;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The order timeline follows the order's event stream, read with fetch() since EventSource cannot
 * send the token, and falls back to polling ShowOrder when the stream cannot be had.
 */
class ConsoleLiveTest {

  @RegisterExtension static final ConsoleBrowser BROWSER = new ConsoleBrowser();

  private final TestServer server = TestServer.get();
  private final Tenant tenant = server.newTenant();

  private List<String> barStatuses() {
    return BROWSER.texts(".gantt-row .gantt-status .badge");
  }

  private String mode() {
    return BROWSER.find(".live").getAttribute("data-mode");
  }

  private String placeOrder(int nodes) {
    HttpResult created =
        tenant
            .member()
            .post(
                "/v2/" + tenant.projectId() + "/pools",
                Pools.body(Pools.uniqueName(), Pools.GPU, nodes));
    assertEquals(200, created.status(), created::toString);
    return created.body().at("/metadata/labels/os.modelarts~1order.name").asText();
  }

  /** ShowOrder of {@code orderName}: its path, with nothing after it. */
  private List<String> showOrderRequests(String orderName) {
    return BROWSER.requests("^/v1/" + tenant.projectId() + "/orders/" + orderName + "$");
  }

  @Test
  void theTimelineFillsInFromTheEventStreamWithoutPollingShowOrder() {
    BROWSER.signIn(tenant.viewerName(), Tenant.PASSWORD, tenant.projectName());
    String orderName;
    try (NodeTableLock held = new NodeTableLock(server)) {
      orderName = placeOrder(2);
      BROWSER.open("#/orders/" + orderName);
      BROWSER.waitFor(d -> barStatuses().equals(List.of("succeed", "processing", "processing")));
      BROWSER.waitFor(d -> "live".equals(mode()));
      assertEquals("Live: the timeline follows the order's event stream.", BROWSER.text(".live"));
      assertEquals("processing", BROWSER.text(".facts [data-fact=Phase] .badge"));
    }
    BROWSER.waitFor(d -> barStatuses().equals(List.of("succeed", "succeed", "succeed")));
    BROWSER.waitForText(".facts [data-fact=Phase] .badge", "successed");
    BROWSER.waitFor(d -> "finished".equals(mode()));
    assertEquals("Finished: the timeline no longer changes.", BROWSER.text(".live"));
    assertEquals(
        List.of("createPool", "createNode", "createNode"), BROWSER.texts(".gantt-row .action"));
    assertEquals("modelarts.vm.gpu.t4u8 × 2", BROWSER.text(".facts [data-fact='Nodes now'] dd"));

    // One stream, read to its end (the server ends it after the order's final event), and not
    // a single ShowOrder.
    List<String> streams = BROWSER.requests("/orders/" + orderName + "/events$");
    assertEquals(1, streams.size(), streams::toString);
    assertEquals(List.of(), showOrderRequests(orderName));
    assertEquals(List.of(), BROWSER.consoleFaults());
  }

  @Test
  void withoutTheStreamTheTimelinePollsShowOrderAndStillCompletes() {
    BROWSER.signIn(tenant.viewerName(), Tenant.PASSWORD, tenant.projectName());
    // As a proxy that refuses event streams would.
    BROWSER.block(List.of("*/events*"));
    String orderName;
    try (NodeTableLock held = new NodeTableLock(server)) {
      orderName = placeOrder(1);
      BROWSER.open("#/orders/" + orderName);
      BROWSER.waitFor(d -> "polling".equals(mode()));
      assertTrue(BROWSER.text(".live").startsWith("Polling: the event stream is unavailable"));
      BROWSER.waitFor(d -> barStatuses().equals(List.of("succeed", "processing")));
    }
    BROWSER.waitFor(d -> barStatuses().equals(List.of("succeed", "succeed")));
    BROWSER.waitForText(".facts [data-fact=Phase] .badge", "successed");
    BROWSER.waitFor(d -> "finished".equals(mode()));
    assertFalse(showOrderRequests(orderName).isEmpty());
    // Only the stream is refused: the service is reachable, and the page does not say otherwise.
    assertTrue(BROWSER.texts("#banner .banner").isEmpty());
  }

  @Test
  void anOrderAlreadyFinishedIsReplayedFromItsStream() {
    String orderName = placeOrder(1);
    BROWSER.signIn(tenant.viewerName(), Tenant.PASSWORD, tenant.projectName());
    Eventually.until(
        () -> tenant.viewer().get("/v1/" + tenant.projectId() + "/orders/" + orderName),
        r ->
            r.body().get("items").size() == 2
                && r.body().findValuesAsText("status").stream().allMatch("succeed"::equals));
    BROWSER.open("#/orders/" + orderName);
    BROWSER.waitFor(d -> "finished".equals(mode()));
    assertEquals(List.of("succeed", "succeed"), barStatuses());
    assertEquals("successed", BROWSER.text(".facts [data-fact=Phase] .badge"));
    assertEquals(List.of(), showOrderRequests(orderName));
  }

  @Test
  void aDroppedStreamIsResumedAfterTheLastEventItReceived() {
    // The browser reaches the server through a relay whose connections the test can cut.
    try (DroppableProxy relay = new DroppableProxy(server.port())) {
      followThroughADrop(relay);
    }
  }

  private void followThroughADrop(DroppableProxy relay) {
    BROWSER.signInAt(relay.baseUrl(), tenant.viewerName(), Tenant.PASSWORD, tenant.projectName());
    // Notes the Last-Event-ID of every stream the page opens, and passes each call on unchanged.
    BROWSER.script(
        "const seen = window.qmStreams = [];"
            + "const real = window.fetch;"
            + "window.fetch = (path, init = {}) => {"
            + "  if (String(path).endsWith('/events')) {"
            + "    seen.push((init.headers || {})['Last-Event-ID'] || null);"
            + "  }"
            + "  return real(path, init);"
            + "};");
    String orderName;
    try (NodeTableLock held = new NodeTableLock(server)) {
      orderName = placeOrder(2);
      BROWSER.script("location.hash = arguments[0]", "#/orders/" + orderName);
      BROWSER.waitFor(d -> barStatuses().equals(List.of("succeed", "processing", "processing")));
      BROWSER.waitFor(d -> "live".equals(mode()));
      relay.dropAll();
      BROWSER.waitFor(d -> "reconnecting".equals(mode()));
      assertTrue(BROWSER.text(".live").startsWith("Reconnecting"));
      BROWSER.waitFor(d -> "live".equals(mode()));
    }
    BROWSER.waitFor(d -> barStatuses().equals(List.of("succeed", "succeed", "succeed")));
    BROWSER.waitFor(d -> "finished".equals(mode()));
    @SuppressWarnings("unchecked")
    List<String> resumedAfter = (List<String>) BROWSER.script("return window.qmStreams");
    assertTrue(resumedAfter.size() >= 2, resumedAfter::toString);
    assertEquals(null, resumedAfter.get(0), "the first stream starts from the beginning");
    String last = resumedAfter.get(resumedAfter.size() - 1);
    assertTrue(last != null && last.matches("[0-9]+"), resumedAfter::toString);
    assertEquals(List.of(), showOrderRequests(orderName));
  }

  /**
   * The console's parser of text/event-stream, run in the browser on a stream cut into chunks at
   * every possible place: the same events each time, comments apart, ids kept across events.
   */
  @Test
  void theStreamParserReadsEventsHowEverTheStreamIsCut() {
    BROWSER.open("#/pools");
    String stream =
        ":heartbeat\r\nid:7\nevent:item.succeed\ndata:{\"a\":1}\n\n"
            + "data: two\r\ndata:lines\r\n\r\n"
            + "retry:100\nunknown\nid: 9\revent:order.successed\rdata\r\r"
            + "id:10\nevent:ignored-no-data\n\n";
    Object parsed =
        ((org.openqa.selenium.JavascriptExecutor) BROWSER.driver())
            .executeAsyncScript(
                "const [text, done] = arguments;"
                    + "import('/console/js/sse.js').then(({ createSseParser }) => {"
                    + "  const runs = [];"
                    + "  for (let cut = 0; cut <= text.length; cut++) {"
                    + "    const seen = [];"
                    + "    const p = createSseParser((e) => seen.push(e), (c) => seen.push('#' + c));"
                    + "    p.push(text.slice(0, cut)); p.push(text.slice(cut));"
                    + "    runs.push(JSON.stringify([seen, p.lastId]));"
                    + "  }"
                    + "  done([...new Set(runs)]);"
                    + "}, (e) => done(String(e)));",
                stream);
    assertEquals(
        List.of(
            "[[\"#heartbeat\","
                + "{\"id\":\"7\",\"type\":\"item.succeed\",\"data\":\"{\\\"a\\\":1}\"},"
                + "{\"id\":\"7\",\"type\":\"message\",\"data\":\"two\\nlines\"},"
                + "{\"id\":\"9\",\"type\":\"order.successed\",\"data\":\"\"}],\"10\"]"),
        parsed);
  }
}
