package io.quartermaster.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.testing.ConsoleBrowser;
import io.quartermaster.testing.Eventually;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.NodeTableLock;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The console's pool views, driven in a real browser against the real server. */
class ConsolePoolsTest {

  @RegisterExtension static final ConsoleBrowser BROWSER = new ConsoleBrowser();

  private static final String NAME_FIELD = "[data-api-path='metadata.labels.os.modelarts/name']";

  private final TestServer server = TestServer.get();
  private final Tenant tenant = server.newTenant();

  private String pools() {
    return "/v2/" + tenant.projectId() + "/pools";
  }

  private void signInAsMember() {
    BROWSER.signIn(tenant.memberName(), Tenant.PASSWORD, tenant.projectName());
  }

  private List<String> barStatuses() {
    return BROWSER.texts(".gantt-row .gantt-status .badge");
  }

  private void fillCreateForm(String name, String flavor, int count) {
    BROWSER.open("#/pools/new");
    BROWSER.type(By.cssSelector(NAME_FIELD), name);
    new Select(BROWSER.find("[data-api-path='spec.resources[0].flavor']")).selectByValue(flavor);
    BROWSER.type(By.cssSelector("[data-api-path='spec.resources[0].count']"), "" + count);
  }

  private void submit() {
    BROWSER.find("form.pool-form button[type=submit]").click();
  }

  @Test
  void aCreatedPoolsTimelineFillsInLiveUntilEveryBarIsGreenThenItScales() {
    signInAsMember();
    String name = Pools.uniqueName();
    try (NodeTableLock held = new NodeTableLock(server)) {
      fillCreateForm(name, Pools.GPU, 2);
      submit();
      // The order opens at once, mid-run: the pool is made, its two nodes are being created.
      BROWSER.waitFor(d -> barStatuses().equals(List.of("succeed", "processing", "processing")));
      assertEquals("processing", BROWSER.text(".facts [data-fact=Phase] .badge"));
      BROWSER.waitFor(d -> BROWSER.text(".live").startsWith("Live"));
    }
    // Without a reload, the running bars turn green.
    BROWSER.waitFor(d -> barStatuses().equals(List.of("succeed", "succeed", "succeed")));
    BROWSER.waitForText(".facts [data-fact=Phase] .badge", "successed");
    assertEquals(
        List.of("createPool", "createNode", "createNode"), BROWSER.texts(".gantt-row .action"));
    BROWSER.waitFor(d -> BROWSER.text(".live").startsWith("Finished"));
    assertTrue(BROWSER.text(".gantt figcaption").contains("3 succeeded"));

    BROWSER.open("#/pools");
    String row = "tr[data-pool='" + name + "']";
    BROWSER.waitForText(row + " .badge", "Running");
    assertEquals("2", BROWSER.text(row + " .count.available"));
    BROWSER.find(row + " a[href$='/scale']").click();
    BROWSER.type(By.cssSelector("input[data-flavor]"), "3");
    submit();
    // The scale order's own page: a modify order of one new node.
    BROWSER.waitForText(".facts [data-fact=Operation] dd", "modify");
    BROWSER.waitForText(".facts [data-fact=Phase] .badge", "successed");
    BROWSER.waitFor(d -> BROWSER.texts(".gantt-row .action").equals(List.of("createNode")));
    String poolPath = pools() + "/" + Pools.poolName(name, tenant.projectId());
    HttpResult pool = tenant.viewer().get(poolPath);
    assertEquals(3, pool.body().at("/spec/resources/0/count").asInt(), pool::toString);

    BROWSER.open("#/pools");
    BROWSER.find(row + " .row-actions button.danger").click();
    assertEquals("Delete pool " + name + "?", BROWSER.text("dialog[open] h2"));
    BROWSER.find("dialog button[type=submit]").click();
    BROWSER.waitForText(".facts [data-fact=Operation] dd", "delete");
    BROWSER.waitForText(".facts [data-fact=Phase] .badge", "successed");
    List<String> deleting = List.of("deleteNode", "deleteNode", "deleteNode", "deletePool");
    BROWSER.waitFor(d -> BROWSER.texts(".gantt-row .action").equals(deleting));
    assertEquals(404, tenant.viewer().get(poolPath).status());
    BROWSER.open("#/pools");
    BROWSER.waitForText(".state.empty p", "No pools in project " + tenant.projectName() + " yet.");
    assertEquals(List.of(), BROWSER.consoleFaults());
  }

  @Test
  void theApisValidationErrorsShowNextToTheirFieldAndCreateNothing() {
    signInAsMember();
    fillCreateForm("Not A Name", Pools.CPU, 1);
    submit();
    WebElement name = BROWSER.find(NAME_FIELD);
    BROWSER.waitFor(d -> "true".equals(name.getAttribute("aria-invalid")));
    String error = BROWSER.find("#" + name.getAttribute("id") + "-error").getText();
    assertTrue(error.contains("4 to 25 characters"), error);
    assertEquals(name, BROWSER.driver().switchTo().activeElement());

    String display = Pools.uniqueName();
    BROWSER.type(By.cssSelector(NAME_FIELD), display);
    BROWSER.type(By.cssSelector("[data-api-path='spec.resources[0].count']"), "0");
    submit();
    WebElement count = BROWSER.find("[data-api-path='spec.resources[0].count']");
    BROWSER.waitFor(d -> "true".equals(count.getAttribute("aria-invalid")));
    assertNull(name.getAttribute("aria-invalid"), "the name's earlier error is gone");
    assertTrue(
        BROWSER.find("#" + count.getAttribute("id") + "-error").getText().contains("count"),
        count::toString);
    assertEquals(0, tenant.viewer().get(pools()).body().get("items").size());

    // A name taken by a live pool: the 409 goes to the name field too.
    assertEquals(200, tenant.member().post(pools(), Pools.body(display, Pools.CPU, 1)).status());
    BROWSER.type(By.cssSelector("[data-api-path='spec.resources[0].count']"), "1");
    submit();
    BROWSER.waitFor(d -> "true".equals(name.getAttribute("aria-invalid")));
    assertEquals(
        "Pool already exists.", BROWSER.find("#" + name.getAttribute("id") + "-error").getText());
    assertEquals(1, tenant.viewer().get(pools()).body().get("items").size());
  }

  @Test
  void aDescriptionWithMarkupIsShownAsTextAndNeverRuns() {
    String hostile =
        "<script>window.__qmInjected = 1</script><img src=x onerror=\"window.__qmInjected = 2\">";
    Map<String, Object> body = Pools.body(Pools.uniqueName(), Pools.CPU, 1);
    describe(body, hostile);
    assertEquals(200, tenant.member().post(pools(), body).status());

    signInAsMember();
    assertEquals(hostile, BROWSER.text("tr .description"));
    assertTrue(BROWSER.driver().findElements(By.cssSelector("main img, main script")).isEmpty());
    assertNull(BROWSER.script("return window.__qmInjected"));
    assertEquals(List.of(), BROWSER.consoleFaults());
  }

  @Test
  void aViewerSeesThePoolsButNoButtonThatWouldChangeThem() {
    Map<String, Object> yearly = Pools.yearly(Pools.body(Pools.uniqueName(), Pools.CPU, 1));
    HttpResult created = tenant.member().post(pools(), yearly);
    assertEquals(200, created.status(), created::toString);
    String order = created.body().at("/metadata/labels/os.modelarts~1order.name").asText();

    BROWSER.signIn(tenant.viewerName(), Tenant.PASSWORD, tenant.projectName());
    assertEquals("viewer", BROWSER.find(".who .role").getDomProperty("textContent"));
    assertEquals("Waiting", BROWSER.text("tr[data-pool] .badge"));
    assertTrue(BROWSER.driver().findElements(By.linkText("Create pool")).isEmpty());
    assertTrue(BROWSER.driver().findElements(By.cssSelector("tr .row-actions button")).isEmpty());
    assertTrue(BROWSER.driver().findElements(By.linkText("Scale")).isEmpty());

    BROWSER.open("#/orders/" + order);
    BROWSER.waitFor(d -> d.findElement(By.cssSelector(".waits")).isDisplayed());
    assertEquals("This order is waiting for payment.", BROWSER.text(".waits"));
    assertTrue(BROWSER.driver().findElements(By.cssSelector(".order-actions button")).isEmpty());

    BROWSER.find("#sign-out").click();
    // Signing out revokes the token first and shows the form after; signing in before then races
    // with that redraw.
    BROWSER.waitForText(".signin .notice", "You have signed out.");
    BROWSER.signIn(tenant.memberName(), Tenant.PASSWORD, tenant.projectName());
    BROWSER.open("#/orders/" + order);
    BROWSER.waitFor(d -> d.findElements(By.cssSelector(".order-actions button")).size() == 2);
    assertEquals(List.of("Pay", "Cancel order"), BROWSER.texts(".order-actions button"));
  }

  @Test
  void thePoolListShowsEachPoolsPhaseNodesAndOrder() {
    Tenant team = server.newTenant("vision");
    String path = "/v2/" + team.projectId() + "/pools";
    Map<String, Object> vision = Pools.body("pool-vision", Pools.GPU, 3);
    describe(vision, "Training, vision team");
    assertEquals(200, team.member().post(path, vision).status());
    Map<String, Object> notebooks = Pools.yearly(Pools.body("pool-notebooks", Pools.CPU, 2));
    describe(notebooks, "Notebooks, billed monthly");
    assertEquals(200, team.member().post(path, notebooks).status());
    Eventually.until(
        () -> team.viewer().get(path + "/" + Pools.poolName("pool-vision", team.projectId())),
        r -> r.body().at("/status/phase").asText().equals("Running"));

    BROWSER.signIn(team.memberName(), Tenant.PASSWORD, team.projectName());
    try (NodeTableLock held = new NodeTableLock(server)) {
      Map<String, Object> batch = Pools.body("pool-batch", Pools.CPU, 4);
      describe(batch, "Nightly batch inference");
      assertEquals(200, team.member().post(path, batch).status());
      BROWSER.waitForText("tr[data-pool=pool-batch] .badge", "Creating");
      BROWSER.waitForText("tr[data-pool=pool-batch] .count.creating", "4");
      assertEquals("Running", BROWSER.text("tr[data-pool=pool-vision] .badge"));
      assertEquals("3", BROWSER.text("tr[data-pool=pool-vision] .count.available"));
      assertEquals("Waiting", BROWSER.text("tr[data-pool=pool-notebooks] .badge"));
      assertTrue(
          BROWSER
              .find("tr[data-pool=pool-notebooks] .status-message")
              .getText()
              .endsWith("is waiting for payment."));
      // The README shows this very view.
      BROWSER.resize(1280, 640);
      BROWSER.docScreenshot(
          Path.of("docs", "console-pools.png"),
          "#top .switcher",
          "#top .who",
          ".lead",
          ".status-message",
          "td[data-label='Current order'] a");
    }
    BROWSER.waitForText("tr[data-pool=pool-batch] .badge", "Running");
  }

  @SuppressWarnings("unchecked")
  private static void describe(Map<String, Object> body, String description) {
    ((Map<String, Object>) ((Map<String, Object>) body.get("metadata")).get("annotations"))
        .put("os.modelarts/description", description);
  }

  @Test
  void onANarrowScreenThePoolsAreCardsAndNothingScrollsSideways() {
    assertEquals(
        200, tenant.member().post(pools(), Pools.body(Pools.uniqueName(), Pools.GPU, 1)).status());
    signInAsMember();
    BROWSER.resize(390, 844);
    WebElement card = BROWSER.find("tr[data-pool]");
    assertEquals("block", card.getCssValue("display"));
    Number overflow =
        (Number)
            BROWSER.script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
    assertEquals(0, overflow.intValue());
    assertFalse(
        BROWSER.find("table.pools thead").isDisplayed()
            && BROWSER.find("table.pools thead").getSize().height > 1);
    BROWSER.screenshot(Path.of("target", "console", "pools-narrow.png"));
  }
}
