package io.quartermaster.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.pool.PoolRow;
import io.quartermaster.testing.ConsoleBrowser;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The console over order histories written straight into the database: more orders than ListOrders
 * can page through by offset, and an order whose items ran for seconds and failed, as real
 * provisioning does (the test server's simulated nodes take no time).
 */
class ConsoleOrderHistoryTest {

  @RegisterExtension static final ConsoleBrowser BROWSER = new ConsoleBrowser();

  private static final String GPU = "modelarts.vm.gpu.t4u8";

  private final TestServer server = TestServer.get();
  private final OrderFixtures fixtures = new OrderFixtures(server.jdbi());
  private final Tenant tenant = server.newTenant("vision");

  @Test
  void theOrderListPagesPastFiveHundredByMarkerWithoutLosingOrShowingAnOrderTwice() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    PoolRow pool =
        fixtures.pool(tenant.projectId(), "pool-many", "0", now.minus(Duration.ofDays(2)));
    // 620 orders, newest first: 50 a second apart, then 150 placed in one and the same
    // millisecond (across the first page boundaries), then 420 more a second apart.
    Instant shared = now.minusSeconds(100);
    for (int i = 0; i < 620; i++) {
      Instant at =
          i < 50 ? now.minusSeconds(40 + i) : i < 200 ? shared : shared.minusSeconds(i - 199);
      fixtures.order(pool, at).insert();
    }

    BROWSER.signIn(tenant.viewerName(), Tenant.PASSWORD, tenant.projectName());
    BROWSER.open("#/orders");
    BROWSER.waitForText("p.count", "Showing 100 of 620 orders in the last 30 days.");
    WebElement more = BROWSER.find(".orders-body > button");
    for (int shown = 200; shown <= 600; shown += 100) {
      more.click();
      BROWSER.waitForText("p.count", "Showing " + shown + " of 620 orders in the last 30 days.");
    }
    more.click();
    BROWSER.waitForText("p.count", "620 orders in the last 30 days.");
    assertFalse(more.isDisplayed(), "no button after the last page");

    List<String> names = BROWSER.texts("tbody tr th a");
    assertEquals(620, names.size());
    assertEquals(620, new HashSet<>(names).size(), "no order twice");
    @SuppressWarnings("unchecked")
    List<String> placed =
        (List<String>)
            BROWSER.script(
                "return [...document.querySelectorAll('tbody tr')].map(r => r.dataset.order)");
    assertEquals(names, placed);

    // Paged by the service's marker: an empty one first, then each answer's nextMarker; never by
    // offset, which stops at 500.
    List<String> lists = BROWSER.requests("^/v1/" + tenant.projectId() + "/orders$");
    assertEquals(7, lists.size(), lists::toString);
    assertTrue(lists.get(0).contains("&marker=&"), lists.get(0));
    for (String next : lists.subList(1, lists.size())) {
      assertTrue(next.matches(".*[?&]marker=[^&]+.*"), next);
    }
    assertTrue(lists.stream().noneMatch(q -> q.contains("offset=")), lists::toString);
  }

  /** An apply order of four GPU nodes whose last one timed out, with realistic timestamps. */
  private String failedOrder() {
    Instant placed = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
    PoolRow pool = fixtures.pool(tenant.projectId(), "pool-vision", "0", placed);
    String failedNode = "os-node-created-x7k2p";
    String message = "Timed out after 1500 ms (the operation needed 2300 ms).";
    OrderFixtures.OrderSpec placing =
        fixtures
            .order(pool, placed)
            .operation("apply", null, OrderFixtures.counts(GPU, 4))
            .failed("Failed to create node " + failedNode + ": " + message);
    placing.resultCount = OrderFixtures.counts(GPU, 3);
    placing.endAt = placed.plusMillis(9000);
    OrderFixtures.Inserted order = placing.insert();
    List<String> nodes =
        List.of(
            "os-node-created-4fj2a", "os-node-created-b81zq", "os-node-created-m3c9d", failedNode);
    fixtures.items(
        order,
        PlannedItem.pool(ItemAction.CREATE_POOL, pool.name()),
        node(nodes.get(0)),
        node(nodes.get(1)),
        node(nodes.get(2)),
        node(failedNode));
    Instant at = placed.plusMillis(1120);
    fixtures.item(order, 0, ItemStatus.SUCCEED, null, at, at = at.plusMillis(240));
    long[] took = {2080, 1960, 2210, 1500};
    for (int i = 0; i < nodes.size(); i++) {
      Instant begin = at.plusMillis(15);
      boolean last = i == nodes.size() - 1;
      fixtures.item(
          order,
          i + 1,
          last ? ItemStatus.FAILED : ItemStatus.SUCCEED,
          last ? message : null,
          begin,
          at = begin.plusMillis(took[i]));
    }
    return order.orderName();
  }

  private static PlannedItem node(String name) {
    return PlannedItem.node(ItemAction.CREATE_NODE, name, GPU, "az-1a");
  }

  @Test
  void aFailedItemShowsItsMessageOnHoverAndOnKeyboardFocus() {
    String orderName = failedOrder();
    BROWSER.signIn(tenant.viewerName(), Tenant.PASSWORD, tenant.projectName());
    BROWSER.open("#/orders/" + orderName);
    BROWSER.waitForText(".facts [data-fact=Phase] .badge", "failed");
    BROWSER.waitFor(d -> d.findElements(By.cssSelector(".gantt-row")).size() == 5);
    assertEquals(
        List.of("succeed", "succeed", "succeed", "succeed", "failed"),
        BROWSER.texts(".gantt-row .gantt-status .badge"));
    WebElement failed = BROWSER.find(".gantt-bar.state-failed");
    WebElement tip = BROWSER.driver().findElement(By.id(failed.getAttribute("aria-describedby")));
    assertFalse(tip.isDisplayed());
    assertTrue(failed.getAttribute("aria-label").contains("failed"));

    new Actions(BROWSER.driver()).moveToElement(failed).perform();
    BROWSER.waitFor(d -> tip.isDisplayed());
    assertTrue(
        tip.getText().contains("Message: Timed out after 1500 ms (the operation needed 2300 ms)."),
        tip::getText);
    new Actions(BROWSER.driver()).moveToElement(BROWSER.find("main h1")).perform();
    BROWSER.waitFor(d -> !tip.isDisplayed());

    // From the first bar, End goes to the last one, which shows its details while focused.
    BROWSER.find(".gantt-bar").sendKeys(Keys.END);
    assertEquals(failed, BROWSER.driver().switchTo().activeElement());
    BROWSER.waitFor(d -> tip.isDisplayed());
    assertTrue(
        BROWSER
            .find(".gantt figcaption")
            .getText()
            .startsWith("Timeline: 5 items, 4 succeeded, 1 failed"));
    assertTrue(BROWSER.text(".fail-reason").contains("Timed out after 1500 ms"));
    // The README shows this very view.
    BROWSER.resize(1280, 1150);
    BROWSER.script("window.scrollTo(0, 0)");
    BROWSER.waitFor(d -> tip.isDisplayed());
    BROWSER.docScreenshot(
        Path.of("docs", "console-timeline.png"),
        "#top .switcher",
        "#top .who",
        ".crumbs",
        "main h1",
        ".facts [data-fact='Order ID'] dd",
        ".facts [data-fact=Placed] dd",
        ".facts [data-fact=Began] dd",
        ".facts [data-fact=Ended] dd",
        ".gantt figcaption",
        ".gantt-axis .tick:first-child",
        ".gantt-row[data-action=createPool] .resource",
        ".gantt-tip span:nth-of-type(2)",
        ".gantt-tip span:nth-of-type(3)");
  }
}
