package io.quartermaster.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.testing.AccessKey;
import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.Eventually;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.Identities;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tokens, passwords and access key secrets never reach the log: every record logged while they are
 * used, at every level, is captured and searched for them.
 */
class SecretsStayOutOfLogsTest {

  private final TestServer server = TestServer.get();
  private final Logger root = Logger.getLogger("");
  private final List<String> captured = new ArrayList<>();
  private final Handler capture =
      new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
          StringBuilder text = new StringBuilder(formatter.format(record));
          text.append(record.getMessage());
          if (record.getParameters() != null) {
            for (Object parameter : record.getParameters()) {
              text.append(' ').append(parameter);
            }
          }
          if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            text.append(trace);
          }
          synchronized (captured) {
            captured.add(text.toString());
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private final Map<Logger, Level> levels = new HashMap<>();

  /**
   * Every logger at ALL: the root and each one with a level of its own, such as those the service's
   * logging.properties sets once Helidon has read it.
   */
  @BeforeEach
  void captureEverything() {
    capture.setLevel(Level.ALL);
    root.addHandler(capture);
    for (String name : Collections.list(LogManager.getLogManager().getLoggerNames())) {
      Logger logger = LogManager.getLogManager().getLogger(name);
      if (logger != null && (logger == root || logger.getLevel() != null)) {
        levels.put(logger, logger.getLevel());
        logger.setLevel(Level.ALL);
      }
    }
    levels.put(root, levels.getOrDefault(root, root.getLevel()));
    root.setLevel(Level.ALL);
  }

  @AfterEach
  void stopCapturing() {
    root.removeHandler(capture);
    levels.forEach(Logger::setLevel);
  }

  @Test
  void tokensPasswordsAndSecretsAreNeverLogged() {
    Tenant tenant = server.newTenant();
    ApiClient admin = server.adminClient();
    AccessKey key = AccessKey.forUser(tenant.memberName());
    String newPassword = "a-brand-new-password-" + System.nanoTime();
    String userId = AccessKey.userId(admin, tenant.viewerName());

    // Successes and failures of every kind of credential, including a server error path.
    assertEquals(200, key.client().get("/v1/" + tenant.projectId() + "/orders").status());
    assertEquals(200, tenant.member().get("/v2/" + tenant.projectId() + "/pools").status());
    key.client()
        .post("/v2/" + tenant.projectId() + "/pools", Pools.body(Pools.uniqueName(), Pools.CPU, 1));
    new AccessKey(key.access(), key.secret() + "x", key.userId())
        .client()
        .get("/v1/" + tenant.projectId() + "/orders");
    server
        .client()
        .withToken(tenant.member().token() + "x")
        .get("/v1/" + tenant.projectId() + "/orders");
    for (int i = 0; i < 6; i++) {
      server
          .client()
          .post(
              "/v3/auth/tokens",
              Identities.passwordAuth(tenant.viewerName(), newPassword, tenant.projectName()));
    }
    HttpResult changed =
        admin.patch("/v3/users/" + userId, Map.of("user", Map.of("password", newPassword)));
    assertEquals(200, changed.status(), changed::toString);
    String adminToken = admin.token();

    List<String> secrets =
        List.of(
            key.secret(),
            tenant.member().token(),
            tenant.viewer().token(),
            adminToken,
            newPassword,
            Tenant.PASSWORD,
            TestServer.ADMIN_PASSWORD);
    List<String> logged;
    synchronized (captured) {
      logged = List.copyOf(captured);
    }
    // At level ALL the server logs each request's headers (with credentials redacted): the capture
    // saw the very records that a careless change would leak through.
    assertTrue(
        logged.stream().anyMatch(r -> r.contains("X-Auth-Token")),
        "the capture saw request headers being logged");
    for (String record : logged) {
      for (String secret : secrets) {
        assertFalse(record.contains(secret), () -> "a secret was logged: " + record);
      }
    }
  }

  @Test
  void aSubscriptionSecretIsNeverLogged() {
    Tenant tenant = server.newTenant();
    String secret = "a-subscription-secret-" + System.nanoTime();
    String subscriptions = "/v1/" + tenant.projectId() + "/subscriptions";
    // Nothing listens on the discard port: every attempt fails, and the last one is logged.
    HttpResult created =
        tenant.member().post(subscriptions, Map.of("url", "http://127.0.0.1:9/", "secret", secret));
    assertEquals(201, created.status(), created::toString);
    tenant
        .member()
        .post("/v2/" + tenant.projectId() + "/pools", Pools.body(Pools.uniqueName(), Pools.CPU, 1));
    String deliveries = subscriptions + "/" + created.body().get("id").asText() + "/deliveries";
    Eventually.until(
        () -> tenant.viewer().get(deliveries).body().get("deliveries").size(), n -> n > 0);

    List<String> logged;
    synchronized (captured) {
      logged = List.copyOf(captured);
    }
    assertTrue(
        logged.stream().anyMatch(r -> r.contains("dead-lettered")),
        "the capture saw a delivery being logged");
    for (String record : logged) {
      assertFalse(record.contains(secret), () -> "a subscription secret was logged: " + record);
    }
  }
}
