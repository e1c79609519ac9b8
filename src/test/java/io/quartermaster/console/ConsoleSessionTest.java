package io.quartermaster.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.ConsoleBrowser;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.Select;

/** Signing in and out, an expired session, switching projects, and a service out of reach. */
class ConsoleSessionTest {

  @RegisterExtension static final ConsoleBrowser BROWSER = new ConsoleBrowser();

  private final TestServer server = TestServer.get();
  private final Tenant tenant = server.newTenant();

  private Object storedSession() {
    return BROWSER.script("return sessionStorage.getItem('quartermaster.session')");
  }

  @Test
  void aWrongPasswordIsRefusedThenSignInShowsThePoolsAndSignOutRevokesTheToken() {
    BROWSER.open("#/pools");
    BROWSER.type(By.name("user"), tenant.memberName());
    BROWSER.type(By.name("password"), "not-the-password");
    BROWSER.type(By.name("project"), tenant.projectName());
    BROWSER.find("form.signin button[type=submit]").click();
    BROWSER.waitFor(d -> !d.findElement(By.id("signin-error")).getText().isEmpty());
    assertTrue(BROWSER.text("#signin-error").startsWith("Sign-in failed"));
    assertNull(storedSession());

    BROWSER.signIn(tenant.memberName(), Tenant.PASSWORD, tenant.projectName());
    BROWSER.waitForText("main h1", "Pools");
    BROWSER.waitFor(d -> d.findElement(By.cssSelector(".state.empty")).isDisplayed());
    assertEquals(
        "No pools in project " + tenant.projectName() + " yet.", BROWSER.text(".state.empty p"));
    assertEquals("Pools · Quartermaster", BROWSER.driver().getTitle());
    String stored = (String) storedSession();
    assertTrue(stored.contains(tenant.projectId()), stored);
    assertTrue(BROWSER.driver().manage().getCookies().isEmpty(), "the token is never in a cookie");

    String token =
        (String)
            BROWSER.script(
                "return JSON.parse(sessionStorage.getItem(arguments[0])).token",
                "quartermaster.session");
    assertEquals(
        200,
        server.client().withToken(token).get("/v1/" + tenant.projectId() + "/orders").status());

    BROWSER.find("#sign-out").click();
    BROWSER.waitForText(".signin .notice", "You have signed out.");
    assertNull(storedSession());
    assertEquals(
        401,
        server.client().withToken(token).get("/v1/" + tenant.projectId() + "/orders").status(),
        "signing out revoked the token");
    BROWSER.driver().navigate().refresh();
    BROWSER.find("form.signin");
    assertTrue(BROWSER.driver().findElements(By.id("sign-out")).isEmpty());
  }

  @Test
  void aRevokedTokenTakesTheUserBackToSignInAndThenWhereTheyWere() {
    BROWSER.signIn(tenant.memberName(), Tenant.PASSWORD, tenant.projectName());
    BROWSER.open("#/orders?phase=failed");
    BROWSER.waitForText("main h1", "Orders");

    // A new password revokes every token of the user.
    ApiClient admin = server.adminClient();
    String userId =
        admin.get("/v3/users?name=" + tenant.memberName()).body().at("/users/0/id").asText();
    String newPassword = "a-new-password-1";
    HttpResult changed =
        admin.patch("/v3/users/" + userId, Map.of("user", Map.of("password", newPassword)));
    assertEquals(200, changed.status(), changed::toString);
    BROWSER.find("main .view-head button").click();

    BROWSER.waitFor(d -> d.findElement(By.cssSelector("form.signin")).isDisplayed());
    assertTrue(BROWSER.text(".signin .notice").contains("expired"));
    assertNull(storedSession());
    BROWSER.type(By.name("user"), tenant.memberName());
    BROWSER.type(By.name("password"), newPassword);
    BROWSER.type(By.name("project"), tenant.projectName());
    BROWSER.find("form.signin button[type=submit]").click();
    BROWSER.waitForText("main h1", "Orders");
    assertTrue(BROWSER.driver().getCurrentUrl().endsWith("#/orders?phase=failed"));
  }

  @Test
  void theProjectSwitcherListsTheUsersProjectsAndAsksThePasswordAgain() {
    Tenant second = server.newTenant();
    ApiClient admin = server.adminClient();
    String userId =
        admin.get("/v3/users?name=" + tenant.memberName()).body().at("/users/0/id").asText();
    String grant = "/v3/projects/" + second.projectId() + "/users/" + userId + "/roles/viewer";
    assertEquals(204, admin.send("PUT", grant, null).status());
    String display = Pools.uniqueName();
    String pools = "/v2/" + second.projectId() + "/pools";
    assertEquals(200, second.member().post(pools, Pools.body(display, Pools.CPU, 1)).status());

    BROWSER.signIn(tenant.memberName(), Tenant.PASSWORD, tenant.projectName());
    Select switcher = new Select(BROWSER.find("#project-switcher"));
    BROWSER.waitFor(d -> switcher.getOptions().size() == 2);
    assertEquals(
        List.of(tenant.projectName(), second.projectName()).stream().sorted().toList(),
        switcher.getOptions().stream().map(o -> o.getText()).toList());
    assertEquals("member", BROWSER.find(".who .role").getDomProperty("textContent"));

    switcher.selectByVisibleText(second.projectName());
    BROWSER.find(".switcher button").click();
    BROWSER.type(By.cssSelector("dialog input[type=password]"), "wrong-password");
    BROWSER.find("dialog button[type=submit]").click();
    BROWSER.waitFor(
        d ->
            d.findElement(By.cssSelector("dialog .field-error"))
                .getText()
                .startsWith("Sign-in failed"));
    BROWSER.type(By.cssSelector("dialog input[type=password]"), Tenant.PASSWORD);
    BROWSER.find("dialog button[type=submit]").click();

    BROWSER.waitFor(
        d -> !d.findElements(By.cssSelector("tr[data-pool='" + display + "']")).isEmpty());
    assertEquals("viewer", BROWSER.find(".who .role").getDomProperty("textContent"));
    assertEquals(
        second.projectName(),
        new Select(BROWSER.find("#project-switcher")).getFirstSelectedOption().getText());
    assertTrue(BROWSER.driver().findElements(By.linkText("Create pool")).isEmpty());
    assertTrue(((String) storedSession()).contains(second.projectId()));
  }

  @Test
  void aServiceOutOfReachIsSaidPlainlyAndTheConsoleRecovers() {
    BROWSER.signIn(tenant.memberName(), Tenant.PASSWORD, tenant.projectName());
    BROWSER.waitForText("main h1", "Pools");
    ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
    offline.setOffline(true);
    BROWSER.driver().setNetworkConditions(offline);
    try {
      BROWSER.waitFor(d -> d.findElement(By.cssSelector(".banner.unreachable")).isDisplayed());
      assertTrue(BROWSER.text(".banner.unreachable").contains("cannot be reached"));
      BROWSER.waitFor(d -> d.findElement(By.cssSelector(".state.error.unreachable")).isDisplayed());
    } finally {
      BROWSER.driver().deleteNetworkConditions();
    }
    BROWSER.waitFor(d -> d.findElements(By.cssSelector(".banner")).isEmpty());
    BROWSER.waitFor(d -> d.findElement(By.cssSelector(".state.empty")).isDisplayed());
    assertTrue(BROWSER.driver().findElements(By.cssSelector(".state.error")).isEmpty());
  }
}
