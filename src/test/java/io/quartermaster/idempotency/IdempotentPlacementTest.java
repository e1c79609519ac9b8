package io.quartermaster.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.NodeTableLock;
import io.quartermaster.testing.PoolDriver;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Creating, scaling, deleting a pool and deleting its nodes with an idempotency key: a retry gets
 * the first answer again and places nothing; a key reused for another request is refused.
 */
class IdempotentPlacementTest {

  static final String REPLAYED = "Idempotent-Replayed";

  private final TestServer server = TestServer.get();
  private final Tenant tenant = server.newTenant();
  private final PoolDriver pools = new PoolDriver(tenant);

  @Test
  void aRetriedCreateGetsTheFirstAnswerAndPlacesNoSecondOrder() {
    String display = Pools.uniqueName();
    ApiClient client = keyed("X-Client-Token", newKey());

    HttpResult first = client.post(pools.poolsPath(), Pools.body(display, Pools.CPU, 2));
    HttpResult retry = client.post(pools.poolsPath(), Pools.body(display, Pools.CPU, 2));

    assertEquals(200, first.status(), first.rawBody());
    assertNull(first.header(REPLAYED), "a first answer is not a replay");
    assertEquals(200, retry.status(), retry.rawBody());
    assertEquals(first.body(), retry.body());
    assertEquals("true", retry.header(REPLAYED));
    assertEquals("application/json", retry.header("Content-Type"));
    assertTrue(retry.header("X-Request-Id") != null, "a replay has a request id of its own");
    assertEquals(1, pools.orders(display).get("count").asInt());
    assertEquals(1, tenant.viewer().get(pools.poolsPath()).body().get("items").size());
  }

  @Test
  void idempotencyKeyIsAnAliasOfXClientToken() {
    String display = Pools.uniqueName();
    String key = newKey();

    HttpResult first =
        keyed("Idempotency-Key", key).post(pools.poolsPath(), Pools.body(display, Pools.CPU, 1));
    HttpResult retry =
        keyed("X-Client-Token", key).post(pools.poolsPath(), Pools.body(display, Pools.CPU, 1));
    HttpResult both =
        keyed("X-Client-Token", key)
            .withHeader("Idempotency-Key", key)
            .post(pools.poolsPath(), Pools.body(display, Pools.CPU, 1));

    assertEquals(200, first.status(), first.rawBody());
    assertEquals(first.body(), retry.body());
    assertEquals("true", retry.header(REPLAYED));
    assertEquals(first.body(), both.body(), "both headers naming one key are that key");
    assertEquals(1, pools.orders(display).get("count").asInt());
  }

  @Test
  void theSameBodyInAnotherKeyOrderAndLayoutIsTheSameRequest() {
    String display = Pools.uniqueName();
    ApiClient client = keyed("X-Client-Token", newKey());
    String compact =
        """
        {"apiVersion":"v2","kind":"Pool","metadata":{"labels":{"os.modelarts/name":"%s"}},\
        "spec":{"resources":[{"flavor":"%s","count":1}]}}"""
            .formatted(display, Pools.CPU);
    String reordered =
        """
        {
          "spec": {"resources": [{"count": 1, "flavor": "%s"}]},
          "metadata": {"labels": {"os.modelarts/name": "%s"}},
          "kind": "Pool",
          "apiVersion": "v2"
        }
        """
            .formatted(Pools.CPU, display);

    HttpResult first = client.post(pools.poolsPath(), compact);
    HttpResult retry = client.post(pools.poolsPath(), reordered);

    assertEquals(200, first.status(), first.rawBody());
    assertEquals("true", retry.header(REPLAYED), retry.rawBody());
    assertEquals(first.body(), retry.body());
  }

  @Test
  void aKeyReusedWithAnotherBodyIs422AndChangesNothing() {
    String display = Pools.uniqueName();
    String other = Pools.uniqueName();
    ApiClient client = keyed("X-Client-Token", newKey());
    HttpResult first = client.post(pools.poolsPath(), Pools.body(display, Pools.CPU, 1));

    HttpResult reused = client.post(pools.poolsPath(), Pools.body(other, Pools.CPU, 1));

    assertEquals(422, reused.status(), reused.rawBody());
    assertEquals("ModelArts.50004220", reused.errorCode());
    assertTrue(reused.body().get("error_msg").asText().contains("different request"));
    assertNull(reused.header(REPLAYED));
    assertEquals(404, tenant.viewer().get(pools.poolPath(other)).status(), "no second pool");
    assertEquals(1, tenant.viewer().get(pools.poolsPath()).body().get("items").size());
    assertEquals(1, StoredKeys.count(server, tenant));
    HttpResult retry = client.post(pools.poolsPath(), Pools.body(display, Pools.CPU, 1));
    assertEquals(first.body(), retry.body(), "the key still stands for its first request");
  }

  @Test
  void aKeyReusedForAnotherMethodOrPathIs422AndChangesNothing() {
    String display = Pools.uniqueName();
    ApiClient client = keyed("X-Client-Token", newKey());
    assertEquals(200, client.post(pools.poolsPath(), Pools.body(display, Pools.CPU, 1)).status());

    HttpResult delete = client.delete(pools.poolPath(display));

    assertEquals(422, delete.status(), delete.rawBody());
    assertEquals("ModelArts.50004220", delete.errorCode());
    assertEquals(1, pools.orders(display).get("count").asInt(), "no delete order");
    assertTrue(
        !"Deleting"
            .equals(
                tenant.viewer().get(pools.poolPath(display)).body().at("/status/phase").asText()));
  }

  @Test
  void keysArePerProject() {
    String key = newKey();
    String display = Pools.uniqueName();
    Tenant other = server.newTenant();
    PoolDriver otherPools = new PoolDriver(other);

    HttpResult mine =
        keyed("X-Client-Token", key).post(pools.poolsPath(), Pools.body(display, Pools.CPU, 1));
    HttpResult theirs =
        other
            .member()
            .withHeader("X-Client-Token", key)
            .post(otherPools.poolsPath(), Pools.body(display, Pools.CPU, 1));

    assertEquals(200, mine.status(), mine.rawBody());
    assertEquals(200, theirs.status(), theirs.rawBody());
    assertNull(theirs.header(REPLAYED));
    assertEquals(
        other.projectId(), theirs.body().at("/metadata/labels").get(tenantLabel()).asText());
  }

  @Test
  void malformedKeysAre400AndChangeNothing() {
    String display = Pools.uniqueName();
    for (Map.Entry<String, String> bad :
        List.of(
            Map.entry("X-Client-Token", "k".repeat(IdempotencyKey.MAX_LENGTH + 1)),
            Map.entry("X-Client-Token", "with space"),
            Map.entry("Idempotency-Key", "slash/key"),
            Map.entry("Idempotency-Key", "\"quoted\""),
            Map.entry("X-Client-Token", "comma,separated"),
            Map.entry("X-Client-Token", ""))) {
      HttpResult refused =
          keyed(bad.getKey(), bad.getValue())
              .post(pools.poolsPath(), Pools.body(display, Pools.CPU, 1));

      assertEquals(400, refused.status(), bad + ": " + refused.rawBody());
      assertEquals("ModelArts.50004000", refused.errorCode());
      assertTrue(
          refused.body().get("error_msg").asText().contains(bad.getKey() + " must be 1 to 64"),
          refused.rawBody());
    }
    HttpResult longest =
        keyed("X-Client-Token", "A-z.0_9:" + "k".repeat(IdempotencyKey.MAX_LENGTH - 8))
            .post(pools.poolsPath(), Pools.body(Pools.uniqueName(), Pools.CPU, 1));
    assertEquals(200, longest.status(), "64 characters of the allowed ones are a key");
    assertEquals(1, tenant.viewer().get(pools.poolsPath()).body().get("items").size());
    assertEquals(1, StoredKeys.count(server, tenant));
  }

  @Test
  void twoHeadersNamingDifferentKeysAre400AndChangeNothing() {
    String display = Pools.uniqueName();

    HttpResult refused =
        keyed("X-Client-Token", newKey())
            .withHeader("Idempotency-Key", newKey())
            .post(pools.poolsPath(), Pools.body(display, Pools.CPU, 1));

    assertEquals(400, refused.status(), refused.rawBody());
    assertEquals("ModelArts.50004000", refused.errorCode());
    assertTrue(refused.body().get("error_msg").asText().contains("different keys"));
    assertEquals(0, tenant.viewer().get(pools.poolsPath()).body().get("items").size());
    assertEquals(0, StoredKeys.count(server, tenant));
  }

  @Test
  void aRetriedDeleteGetsTheFirstAnswerWhereAPlainRepeatIsRefused() {
    String display = Pools.uniqueName();
    pools.createRunning(display, Pools.CPU, 1);
    ApiClient client = keyed("X-Client-Token", newKey());

    HttpResult first;
    HttpResult retry;
    HttpResult plain;
    // The test server's nodes take no time, so the delete order could finish (and the pool be
    // gone: 404) before the plain repeat; held at its first node, it is still in progress.
    try (NodeTableLock held = new NodeTableLock(server)) {
      first = client.delete(pools.poolPath(display));
      retry = client.delete(pools.poolPath(display));
      plain = tenant.member().delete(pools.poolPath(display));
    }

    assertEquals(200, first.status(), first.rawBody());
    assertEquals(first.body(), retry.body());
    assertEquals("true", retry.header(REPLAYED));
    assertEquals(409, plain.status(), "without a key a second delete is refused, as before");
    assertEquals("ModelArts.50015002", plain.errorCode());
    assertNull(plain.header(REPLAYED));
    assertEquals(2, pools.orders(display).get("count").asInt(), "apply and one delete");
  }

  @Test
  void retriedScalingAndNodeDeletionEachPlaceOneOrder() {
    String display = Pools.uniqueName();
    pools.createRunning(display, Pools.CPU, 2);
    Map<String, Object> scale =
        Map.of("spec", Map.of("resources", List.of(Map.of("flavor", Pools.CPU, "count", 3))));
    ApiClient scaling = keyed("X-Client-Token", newKey());

    HttpResult scaled = scaling.patch(pools.poolPath(display), scale);
    HttpResult scaledAgain = scaling.patch(pools.poolPath(display), scale);

    assertEquals(200, scaled.status(), scaled.rawBody());
    assertEquals(scaled.body(), scaledAgain.body());
    assertEquals("true", scaledAgain.header(REPLAYED));
    pools.awaitLatestOrderFinished(display);
    assertEquals(2, pools.orders(display).get("count").asInt(), "apply and one modify");

    String node =
        tenant
            .viewer()
            .get(pools.poolPath(display) + "/nodes")
            .body()
            .at("/items/0/metadata/name")
            .asText();
    Map<String, Object> nodes = Map.of("deleteNodeNames", List.of(node));
    ApiClient deleting = keyed("Idempotency-Key", newKey());
    HttpResult deleted = deleting.post(pools.poolPath(display) + "/nodes/batch-delete", nodes);
    HttpResult deletedAgain = deleting.post(pools.poolPath(display) + "/nodes/batch-delete", nodes);

    assertEquals(200, deleted.status(), deleted.rawBody());
    assertEquals(deleted.body(), deletedAgain.body());
    assertEquals("true", deletedAgain.header(REPLAYED));
    pools.awaitLatestOrderFinished(display);
    assertEquals(3, pools.orders(display).get("count").asInt(), "and one more modify");
    assertEquals(2, pools.nodeCount(display));
  }

  @Test
  void aRefusalIsStoredSoThatARetryGetsItAgainAfterTheStateMovedOn() {
    String display = Pools.uniqueName();
    pools.create(Pools.body(display, Pools.CPU, 1));
    Map<String, Object> scale =
        Map.of("spec", Map.of("resources", List.of(Map.of("flavor", Pools.CPU, "count", 2))));
    ApiClient client = keyed("X-Client-Token", newKey());

    HttpResult refused = client.patch(pools.poolPath(display), scale);
    pools.awaitLatestOrderFinished(display);
    HttpResult retry = client.patch(pools.poolPath(display), scale);
    HttpResult fresh = keyed("X-Client-Token", newKey()).patch(pools.poolPath(display), scale);

    assertEquals(409, refused.status(), "the apply order is still in progress");
    assertEquals("ModelArts.50015002", refused.errorCode());
    assertEquals(409, retry.status(), retry.rawBody());
    assertEquals(refused.body(), retry.body());
    assertEquals("true", retry.header(REPLAYED));
    assertEquals(200, fresh.status(), "a new key is a new request: " + fresh.rawBody());
  }

  @Test
  void aBadBodyIsStoredAsItsAnswerWithNothingPlaced() {
    ApiClient client = keyed("X-Client-Token", newKey());
    String bad = "{\"apiVersion\":\"v2\",\"kind\":\"Pool\"}";

    HttpResult refused = client.post(pools.poolsPath(), bad);
    HttpResult retry = client.post(pools.poolsPath(), bad);

    assertEquals(400, refused.status());
    assertEquals("ModelArts.50004000", refused.errorCode());
    assertNull(refused.header(REPLAYED));
    assertEquals(refused.body(), retry.body());
    assertEquals("true", retry.header(REPLAYED));
    assertEquals(0, tenant.viewer().get(pools.poolsPath()).body().get("items").size());
  }

  @Test
  void requestsWithoutAKeyAreAnsweredAsBeforeAndStoreNothing() {
    String display = Pools.uniqueName();

    HttpResult created = tenant.member().post(pools.poolsPath(), Pools.body(display, Pools.CPU, 1));
    HttpResult again = tenant.member().post(pools.poolsPath(), Pools.body(display, Pools.CPU, 1));

    assertEquals(200, created.status());
    assertNull(created.header(REPLAYED));
    assertEquals(409, again.status());
    assertEquals("ModelArts.50015000", again.errorCode());
    assertEquals(0, StoredKeys.count(server, tenant));
  }

  private ApiClient keyed(String header, String key) {
    return tenant.member().withHeader(header, key);
  }

  private static String newKey() {
    return UUID.randomUUID().toString();
  }

  private static String tenantLabel() {
    return "os.modelarts/tenant.project.id";
  }
}
