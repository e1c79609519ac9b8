package io.quartermaster.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.app.Application;
import io.quartermaster.app.Config;
import io.quartermaster.testing.AccessKey;
import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.Eventually;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.Identities;
import io.quartermaster.testing.PoolDriver;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.SseClient;
import io.quartermaster.testing.TempDirs;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The caps on open event streams per caller, pools per project and access keys per user, each set
 * to {@value #CAP} on a service of their own, hit over HTTP.
 */
class CapsTest {

  private static final int CAP = 2;

  private static Path dataDir;
  private static Application app;
  private static Identities identities;

  @BeforeAll
  static void start() throws Exception {
    dataDir = Files.createTempDirectory("qm-caps-");
    Config base = TestServer.testConfig(dataDir);
    Config config =
        base.withEvents(base.events().withMaxStreamsPerCaller(CAP))
            .withPools(base.pools().withMaxPoolsPerProject(CAP))
            .withIdentity(base.identity().withMaxAccessKeysPerUser(CAP));
    app = Application.start(config, Clock.systemUTC());
    identities = new Identities(new ApiClient("http://127.0.0.1:" + app.port(), null));
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
    TempDirs.deleteQuietly(dataDir);
  }

  private static ApiClient admin() {
    return identities.login("admin", TestServer.ADMIN_PASSWORD, "default");
  }

  private static Tenant newTenant() {
    return identities.newTenant(admin(), "caps");
  }

  @Test
  void aCallerMayHoldOnlySoManyEventStreamsAndOneClosedMakesRoomForTheNext() {
    Tenant tenant = newTenant();
    String events = "/v1/" + tenant.projectId() + "/events";
    List<SseClient> open = new ArrayList<>();
    try {
      for (int i = 0; i < CAP; i++) {
        SseClient stream = SseClient.open(tenant.member(), events);
        open.add(stream);
        assertEquals(200, stream.status());
      }
      try (SseClient refused = SseClient.open(tenant.member(), events)) {
        assertEquals(429, refused.status());
        assertEquals("ModelArts.50004290", refused.errorJson().get("error_code").asText());
        assertTrue(
            refused.errorJson().get("error_msg").asText().contains("Too many open event streams"));
        assertTrue(Integer.parseInt(refused.header("Retry-After")) >= 1);
      }
      // Refused before it opened: only the two are held.
      assertEquals(CAP, app.openEventStreams());

      // Another caller of the project is not held back.
      try (SseClient viewers = SseClient.open(tenant.viewer(), events)) {
        assertEquals(200, viewers.status());
      }

      // Once a stream's client has gone and the service noticed, the next stream is accepted.
      open.remove(0).close();
      SseClient next =
          Eventually.until(
              () -> SseClient.open(tenant.member(), events),
              stream -> {
                if (stream.status() != 200) {
                  stream.close();
                  return false;
                }
                return true;
              },
              Duration.ofSeconds(20));
      open.add(next);
      assertEquals(200, next.status());
    } finally {
      open.forEach(SseClient::close);
    }
  }

  @Test
  void aProjectMayHaveOnlySoManyPoolsAndTheOneMoreIsNotPlaced() {
    Tenant tenant = newTenant();
    PoolDriver pools = new PoolDriver(tenant);
    pools.createRunning("capped-a", Pools.CPU, 1);
    pools.createRunning("capped-b", Pools.CPU, 1);

    HttpResult refused =
        tenant.member().post(pools.poolsPath(), Pools.body("capped-c", Pools.CPU, 1));
    assertEquals(400, refused.status(), refused::toString);
    assertEquals("ModelArts.0118", refused.errorCode());
    assertTrue(refused.body().get("error_msg").asText().contains("exceeds the quota limit: 2"));
    // Nothing placed: no third pool, no third order.
    assertEquals(CAP, tenant.viewer().get(pools.poolsPath()).body().get("items").size());
    assertEquals(CAP, tenant.viewer().get(pools.ordersPath()).body().get("count").asInt());

    // Another project is not held back.
    Tenant other = newTenant();
    new PoolDriver(other).createRunning("capped-a", Pools.CPU, 1);

    // A deleted pool no longer counts.
    assertEquals(200, tenant.member().delete(pools.poolPath("capped-a")).status());
    pools.awaitGone("capped-a");
    pools.createRunning("capped-c", Pools.CPU, 1);
  }

  @Test
  void aUserMayHaveOnlySoManyAccessKeys() {
    Tenant tenant = newTenant();
    ApiClient admin = admin();
    String memberId = AccessKey.userId(admin, tenant.memberName());
    AccessKey first = AccessKey.create(tenant.member(), memberId);
    AccessKey.create(admin, memberId);

    HttpResult refused =
        tenant
            .member()
            .post(AccessKey.CREDENTIALS, Map.of("credential", Map.of("description", "one more")));
    assertEquals(400, refused.status(), refused::toString);
    JsonNode error = refused.body().get("error");
    assertEquals(400, error.get("code").asInt());
    assertTrue(
        error.get("message").asText().contains("exceeds the quota limit: 2"), error::toString);
    // The admin cannot add one for the user either; nothing was stored.
    assertEquals(
        400,
        admin
            .post(AccessKey.CREDENTIALS, Map.of("credential", Map.of("user_id", memberId)))
            .status());
    assertEquals(CAP, tenant.member().get(AccessKey.CREDENTIALS).body().get("credentials").size());

    // Another user is not held back, and a deleted key makes room.
    AccessKey.create(admin, AccessKey.userId(admin, tenant.viewerName()));
    assertEquals(
        204, tenant.member().delete(AccessKey.CREDENTIALS + "/" + first.access()).status());
    AccessKey.create(tenant.member(), memberId);
  }
}
