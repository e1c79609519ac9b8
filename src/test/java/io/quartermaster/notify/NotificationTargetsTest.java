package io.quartermaster.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.app.Application;
import io.quartermaster.app.Config;
import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.Eventually;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.Identities;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.TestServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code QM_WEBHOOK_ALLOWED_HOSTS} restricts where notifications go: a subscription to another host
 * is refused when it is created, and one created before the operator narrowed the list is not sent
 * to afterwards: its events are dead-lettered, saying why, and the receiver hears nothing.
 */
class NotificationTargetsTest {

  @TempDir Path dataDir;

  private static Config config(Path dataDir, String allowedHosts) {
    Config base = TestServer.testConfig(dataDir);
    return base.withNotifications(
        base.notifications().withAllowedHosts(AllowedHosts.parse(allowedHosts)));
  }

  @Test
  void targetsOutsideTheAllowedHostsAreRefusedAtCreationAndAtDelivery() {
    try (Receiver receiver = new Receiver()) {
      String subscriptionId;
      String project;
      try (Application app =
          Application.start(config(dataDir, "127.0.0.1, .example.test"), Clock.systemUTC())) {
        ApiClient admin = login(app);
        project = projectOf(admin);
        String subscriptions = "/v1/" + project + "/subscriptions";
        String localhost = receiver.url("x").replace("127.0.0.1", "localhost");
        for (String refused : new String[] {localhost, "http://example.test.evil.org/x"}) {
          HttpResult answer = admin.post(subscriptions, Map.of("url", refused));
          assertEquals(400, answer.status(), answer::toString);
          assertTrue(
              answer
                  .body()
                  .get("error_msg")
                  .asText()
                  .endsWith("is not in QM_WEBHOOK_ALLOWED_HOSTS"),
              answer::toString);
        }
        HttpResult bySuffix =
            admin.post(subscriptions, Map.of("url", "https://hooks.example.test/"));
        assertEquals(201, bySuffix.status(), bySuffix::toString);
        assertEquals(
            204, admin.delete(subscriptions + "/" + bySuffix.body().get("id").asText()).status());
        HttpResult exact = admin.post(subscriptions, Map.of("url", receiver.url("narrowed")));
        assertEquals(201, exact.status(), exact::toString);
        subscriptionId = exact.body().get("id").asText();
        assertEquals(1, admin.get(subscriptions).body().get("subscriptions").size());
      }

      // The operator narrows the list and restarts: the subscription stays, but is not sent to.
      try (Application app =
          Application.start(config(dataDir, ".example.test"), Clock.systemUTC())) {
        ApiClient admin = login(app);
        String display = Pools.uniqueName();
        HttpResult created =
            admin.post("/v2/" + project + "/pools", Pools.body(display, Pools.CPU, 1));
        assertEquals(200, created.status(), created::toString);
        String deliveries = "/v1/" + project + "/subscriptions/" + subscriptionId + "/deliveries";
        JsonNode dead =
            Eventually.until(
                () -> admin.get(deliveries).body().get("deliveries"),
                letters ->
                    letters.size() > 0
                        && letters
                            .get(letters.size() - 1)
                            .get("type")
                            .asText()
                            .equals("io.quartermaster.order.successed"),
                Duration.ofSeconds(30));
        for (JsonNode letter : dead) {
          assertEquals(
              "not sent: url host 127.0.0.1 is not in QM_WEBHOOK_ALLOWED_HOSTS",
              letter.get("last_error").asText());
          assertEquals(1, letter.get("attempts").asInt(), "not retried: nothing would change");
        }
        assertEquals(0, receiver.deliveries("narrowed").size());
      }
    }
  }

  private static ApiClient login(Application app) {
    ApiClient anonymous = new ApiClient("http://127.0.0.1:" + app.port(), null);
    HttpResult token =
        anonymous.post(
            "/v3/auth/tokens",
            Identities.passwordAuth("admin", TestServer.ADMIN_PASSWORD, "default"));
    assertEquals(201, token.status(), token::toString);
    return anonymous.withToken(token.header("X-Subject-Token"));
  }

  private static String projectOf(ApiClient admin) {
    return admin.get("/v3/projects?name=default").body().get("projects").get(0).get("id").asText();
  }
}
