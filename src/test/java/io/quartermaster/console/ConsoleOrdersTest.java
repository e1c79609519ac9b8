package io.quartermaster.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.testing.ConsoleBrowser;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The console's order views: pending orders settled from the console, filters, empty states. */
class ConsoleOrdersTest {

  @RegisterExtension static final ConsoleBrowser BROWSER = new ConsoleBrowser();

  private final TestServer server = TestServer.get();
  private final Tenant tenant = server.newTenant();

  private String orders() {
    return "/v1/" + tenant.projectId() + "/orders";
  }

  private HttpResult order(String name) {
    return tenant.viewer().get(orders() + "/" + name);
  }

  private String phaseOf(String orderName) {
    HttpResult list = tenant.viewer().get(orders());
    for (var order : list.body().get("items")) {
      if (order.get("orderName").asText().equals(orderName)) {
        return order.get("phase").asText();
      }
    }
    throw new AssertionError(orderName + " not listed: " + list);
  }

  @Test
  void aPendingYearlyOrderPlacedInTheFormIsCancelledAfterAConfirmation() {
    BROWSER.signIn(tenant.memberName(), Tenant.PASSWORD, tenant.projectName());
    BROWSER.open("#/pools/new");
    String display = Pools.uniqueName();
    BROWSER.type(By.cssSelector("[data-api-path='metadata.labels.os.modelarts/name']"), display);
    new Select(BROWSER.find("[data-api-path='metadata.annotations.os.modelarts/billing.mode']"))
        .selectByValue("1");
    BROWSER.type(
        By.cssSelector("[data-api-path='metadata.annotations.os.modelarts/period.num']"), "3");
    BROWSER.find("form.pool-form button[type=submit]").click();

    BROWSER.waitForText(".facts [data-fact=Phase] .badge", "pending");
    assertEquals("yearly/monthly, 3 months", BROWSER.text(".facts [data-fact=Billing] dd"));
    BROWSER.waitForText(".waits", "This order is waiting for payment.");
    assertEquals("No items yet: the order has not started.", BROWSER.text(".timeline .state p"));
    assertEquals(List.of("Pay", "Cancel order"), BROWSER.texts(".order-actions button"));
    String orderName = BROWSER.text(".crumbs").replace("Orders › ", "");

    // Dismissing the confirmation changes nothing.
    BROWSER.find(".order-actions [data-action=cancel]").click();
    BROWSER.find("dialog[open]");
    BROWSER.find("dialog button.secondary").click();
    assertEquals("pending", phaseOf(orderName));

    BROWSER.find(".order-actions [data-action=cancel]").click();
    assertEquals("Cancel order " + orderName + "?", BROWSER.text("dialog[open] h2"));
    BROWSER.find("dialog button[type=submit]").click();
    BROWSER.waitForText(".facts [data-fact=Phase] .badge", "failed");
    assertEquals("Failed: Cancelled by " + tenant.memberName() + ".", BROWSER.text(".fail-reason"));
    assertEquals("Order " + orderName + " is cancelled.", BROWSER.text("#notice .notice span"));
    assertTrue(BROWSER.driver().findElements(By.cssSelector(".order-actions button")).isEmpty());
    assertEquals("failed", phaseOf(orderName));
    assertEquals(0, order(orderName).body().get("count").asInt());
    assertEquals(List.of(), BROWSER.consoleFaults());
  }

  @Test
  void onlyTheAdminApprovesOrRejectsAndARejectionNeedsAReason() {
    int overThreshold = TestServer.APPROVAL_THRESHOLD + 1;
    HttpResult created =
        tenant
            .member()
            .post(
                "/v2/" + tenant.projectId() + "/pools",
                Pools.body(Pools.uniqueName(), Pools.CPU, overThreshold));
    assertEquals(200, created.status(), created::toString);
    String orderName = created.body().at("/metadata/labels/os.modelarts~1order.name").asText();

    BROWSER.signIn(tenant.memberName(), Tenant.PASSWORD, tenant.projectName());
    BROWSER.open("#/orders/" + orderName);
    BROWSER.waitForText(".waits", "This order is waiting for approval.");
    assertEquals(List.of("Cancel order"), BROWSER.texts(".order-actions button"));

    BROWSER.find("#sign-out").click();
    // Signing out revokes the token first and shows the form after; signing in before then races
    // with that redraw.
    BROWSER.waitForText(".signin .notice", "You have signed out.");
    BROWSER.signIn("admin", TestServer.ADMIN_PASSWORD, tenant.projectName());
    BROWSER.open("#/orders/" + orderName);
    BROWSER.waitFor(d -> d.findElements(By.cssSelector(".order-actions button")).size() == 3);
    assertEquals(
        List.of("Approve", "Reject", "Cancel order"), BROWSER.texts(".order-actions button"));

    BROWSER.find(".order-actions [data-action=reject]").click();
    BROWSER.find("dialog button[type=submit]").click();
    assertEquals("Give a reason.", BROWSER.text("dialog .field-error"));
    assertEquals("pending", phaseOf(orderName));
    BROWSER.type(By.cssSelector("dialog textarea"), "Too big for this quarter");
    BROWSER.find("dialog button[type=submit]").click();
    BROWSER.waitForText(".facts [data-fact=Phase] .badge", "failed");
    assertEquals(
        "Failed: Rejected by admin: Too big for this quarter", BROWSER.text(".fail-reason"));
    assertEquals("failed", phaseOf(orderName));
  }

  @Test
  void theListFiltersByPoolPhaseAndTimeAndSaysSoWhenNothingMatches() {
    String display = Pools.uniqueName();
    String pools = "/v2/" + tenant.projectId() + "/pools";
    assertEquals(200, tenant.member().post(pools, Pools.body(display, Pools.CPU, 1)).status());
    HttpResult other =
        tenant.member().post(pools, Pools.yearly(Pools.body(Pools.uniqueName(), Pools.CPU, 1)));
    assertEquals(200, other.status(), other::toString);

    BROWSER.signIn(tenant.viewerName(), Tenant.PASSWORD, tenant.projectName());
    BROWSER.open("#/orders");
    BROWSER.waitForText("p.count", "2 orders in the last 30 days.");
    assertEquals(2, BROWSER.texts("tbody tr").size());

    BROWSER.type(By.name("pool"), display);
    BROWSER.find("form.filters button[type=submit]").click();
    BROWSER.waitForText("p.count", "1 order in the last 30 days.");
    assertEquals(display, BROWSER.text("tbody tr td[data-label=Pool]"));
    assertTrue(
        BROWSER.driver().getCurrentUrl().endsWith("#/orders?pool=" + display + "&range=30d"));

    new Select(BROWSER.find("select[name=phase]")).selectByValue("failed");
    BROWSER.find("form.filters button[type=submit]").click();
    BROWSER.waitForText(
        ".state.empty p", "No failed orders of pool " + display + " in the last 30 days.");

    BROWSER.open("#/orders?range=1h&phase=pending");
    BROWSER.waitForText("p.count", "1 order in the last hour.");

    BROWSER.open("#/orders?pool=pool-never-made");
    WebElement pool = BROWSER.find("input[name=pool]");
    BROWSER.waitFor(d -> "true".equals(pool.getAttribute("aria-invalid")));
    assertEquals(
        "Pool pool-never-made not found.",
        BROWSER.find("#" + pool.getAttribute("id") + "-error").getText());
  }

  @Test
  void theOrderListAndTheTimelineWorkFromTheKeyboard() {
    String display = Pools.uniqueName();
    HttpResult created =
        tenant
            .member()
            .post("/v2/" + tenant.projectId() + "/pools", Pools.body(display, Pools.CPU, 2));
    assertEquals(200, created.status());
    BROWSER.signIn(tenant.viewerName(), Tenant.PASSWORD, tenant.projectName());
    BROWSER.open("#/orders");
    WebElement link = BROWSER.find("tbody tr th a");
    link.sendKeys(Keys.ENTER);
    BROWSER.waitFor(d -> d.findElements(By.cssSelector(".gantt-bar.state-succeed")).size() == 3);
    WebElement first = BROWSER.find(".gantt-bar");
    first.sendKeys(Keys.SPACE);
    first.sendKeys(Keys.END);
    WebElement focused = BROWSER.driver().switchTo().activeElement();
    List<WebElement> bars = BROWSER.driver().findElements(By.cssSelector(".gantt-bar"));
    assertEquals(bars.get(2), focused);
    WebElement tip = BROWSER.driver().findElement(By.id(focused.getAttribute("aria-describedby")));
    assertTrue(tip.isDisplayed());
    assertTrue(tip.getText().contains("Status: succeed"), tip::getText);
    focused.sendKeys(Keys.ARROW_UP);
    assertEquals(bars.get(1), BROWSER.driver().switchTo().activeElement());
  }
}
