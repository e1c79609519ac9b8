package io.quartermaster.order;

import static io.quartermaster.order.OrderFixtures.TWO_CPU;
import static io.quartermaster.order.OrderFixtures.counts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.json.Json;
import io.quartermaster.pool.PoolRow;
import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ListOrders over HTTP (CONTRACT §2.1): shape, defaults, filters, order and paging. */
class ListOrdersTest {

  private final TestServer server = TestServer.get();
  private final OrderFixtures fixtures = new OrderFixtures(server.jdbi());
  private final Instant now = server.clock().instant().truncatedTo(ChronoUnit.MILLIS);
  private Tenant tenant;
  private String projectId;
  private ApiClient viewer;
  private PoolRow pool;

  @BeforeEach
  void newProject() {
    tenant = server.newTenant();
    projectId = tenant.projectId();
    viewer = tenant.viewer();
    pool = fixtures.pool(projectId, "pool-5ed5", "0", now.minus(Duration.ofDays(2)));
  }

  private HttpResult list(String query) {
    return viewer.get("/v1/" + projectId + "/orders" + (query.isEmpty() ? "" : "?" + query));
  }

  private static List<String> names(HttpResult result) {
    assertEquals(200, result.status(), result::toString);
    return StreamSupport.stream(result.body().get("items").spliterator(), false)
        .map(item -> item.get("orderName").asText())
        .toList();
  }

  private static JsonNode json(String text) throws Exception {
    return Json.mapper().readTree(text);
  }

  @Test
  void ordersCarryEveryFieldOfTheContractAndOmitThoseWithoutValue() throws Exception {
    Instant placed = now.minus(Duration.ofHours(3));
    var apply =
        fixtures.order(pool, placed).name("order.pool-5ed5-aaaaa").placerUnrecorded().insert();
    var modify =
        fixtures
            .order(pool, placed.plusSeconds(60))
            .name("order.pool-5ed5-bbbbb")
            .placerUnrecorded()
            .operation("modify", counts(TWO_CPU, 1), counts(TWO_CPU, 3))
            .yearly("2", "1")
            .failed("Capacity of modelarts.vm.cpu.2u.d in az-1 is exhausted.")
            .insert();
    var pending =
        fixtures
            .order(pool, placed.plusSeconds(120))
            .name("order.pool-5ed5-ccccc")
            .placerUnrecorded()
            .operation("delete", counts(TWO_CPU, 1), "[]")
            .phase("pending")
            .insert();

    HttpResult result = list("");

    assertEquals(200, result.status(), result::toString);
    assertEquals("application/json", result.header("Content-Type"));
    assertEquals(3, result.body().get("count").asInt());
    JsonNode items = result.body().get("items");
    assertEquals(
        json(
            """
            {"creationTimestamp":%d,"beginTimestamp":0,"endTimestamp":0,
             "orderName":"order.pool-5ed5-ccccc","orderId":"%s",
             "resourceName":"pool-5ed5-%s","resourceDisplayName":"pool-5ed5","workspaceId":"0",
             "initCount":%s,"specCount":[],"resultCount":%s,
             "billingMode":"0","operation":"delete","phase":"pending"}
            """
                .formatted(
                    pending.createdAt().toEpochMilli(),
                    pending.orderId(),
                    projectId,
                    counts(TWO_CPU, 1),
                    counts(TWO_CPU, 1))),
        items.get(0));
    assertEquals(
        json(
            """
            {"creationTimestamp":%d,"beginTimestamp":%d,"endTimestamp":%d,
             "orderName":"order.pool-5ed5-bbbbb","orderId":"%s",
             "resourceName":"pool-5ed5-%s","resourceDisplayName":"pool-5ed5","workspaceId":"0",
             "initCount":%s,"specCount":%s,"resultCount":%s,
             "billingMode":"1","periodType":"2","periodNum":"1",
             "operation":"modify","phase":"failed",
             "failReason":"Capacity of modelarts.vm.cpu.2u.d in az-1 is exhausted."}
            """
                .formatted(
                    modify.createdAt().toEpochMilli(),
                    modify.createdAt().plusSeconds(1).toEpochMilli(),
                    modify.createdAt().plusSeconds(10).toEpochMilli(),
                    modify.orderId(),
                    projectId,
                    counts(TWO_CPU, 1),
                    counts(TWO_CPU, 3),
                    counts(TWO_CPU, 1))),
        items.get(1));
    assertEquals(
        json(
            """
            {"creationTimestamp":%d,"beginTimestamp":%d,"endTimestamp":%d,
             "orderName":"order.pool-5ed5-aaaaa","orderId":"%s",
             "resourceName":"pool-5ed5-%s","resourceDisplayName":"pool-5ed5","workspaceId":"0",
             "specCount":%s,"resultCount":%s,
             "billingMode":"0","operation":"apply","phase":"successed"}
            """
                .formatted(
                    apply.createdAt().toEpochMilli(),
                    apply.createdAt().plusSeconds(1).toEpochMilli(),
                    apply.createdAt().plusSeconds(10).toEpochMilli(),
                    apply.orderId(),
                    projectId,
                    counts(TWO_CPU, 1),
                    counts(TWO_CPU, 1))),
        items.get(2));
    assertFalse(result.rawBody().contains("null"), result::toString);
    assertFalse(result.rawBody().contains("createdBy"), result::toString);
  }

  @Test
  void anEmptyProjectHasNoOrders() throws Exception {
    assertEquals(json("{\"count\":0,\"items\":[]}"), list("").body());
  }

  @Test
  void ordersComeNewestFirstThenByOrderName() {
    Instant same = now.minus(Duration.ofHours(1));
    fixtures.order(pool, same).name("order.pool-5ed5-ccccc").insert();
    fixtures.order(pool, same).name("order.pool-5ed5-aaaaa").insert();
    fixtures.order(pool, same.minusMillis(1)).name("order.pool-5ed5-00000").insert();
    fixtures.order(pool, same.plusMillis(1)).name("order.pool-5ed5-zzzzz").insert();
    fixtures.order(pool, same).name("order.pool-5ed5-bbbbb").insert();

    assertEquals(
        List.of(
            "order.pool-5ed5-zzzzz",
            "order.pool-5ed5-aaaaa",
            "order.pool-5ed5-bbbbb",
            "order.pool-5ed5-ccccc",
            "order.pool-5ed5-00000"),
        names(list("")));
  }

  @Test
  void workspaceIdSelectsOneWorkspaceAndDefaultsToZero() {
    fixtures.order(pool, now.minusSeconds(30)).name("order.pool-5ed5-zero0").insert();
    var other = fixtures.pool(projectId, "pool-other", "ws-7", now.minus(Duration.ofDays(1)));
    fixtures.order(other, now.minusSeconds(20)).name("order.pool-other-seven").insert();

    assertEquals(List.of("order.pool-5ed5-zero0"), names(list("")));
    assertEquals(List.of("order.pool-5ed5-zero0"), names(list("workspaceId=0")));
    assertEquals(List.of("order.pool-other-seven"), names(list("workspaceId=ws-7")));
    assertEquals(List.of(), names(list("workspaceId=ws-8")));
  }

  @Test
  void countIsTheNumberMatchingTheFiltersNotThePageSize() {
    for (int i = 0; i < 5; i++) {
      fixtures.order(pool, now.minusSeconds(100 - i)).name("order.pool-5ed5-0000" + i).insert();
    }

    HttpResult page = list("limit=2");
    assertEquals(5, page.body().get("count").asInt());
    assertEquals(List.of("order.pool-5ed5-00004", "order.pool-5ed5-00003"), names(page));
    HttpResult second = list("limit=2&offset=2");
    assertEquals(5, second.body().get("count").asInt());
    assertEquals(List.of("order.pool-5ed5-00002", "order.pool-5ed5-00001"), names(second));
    HttpResult last = list("limit=2&offset=4");
    assertEquals(5, last.body().get("count").asInt());
    assertEquals(List.of("order.pool-5ed5-00000"), names(last));
    HttpResult beyond = list("offset=5");
    assertEquals(5, beyond.body().get("count").asInt());
    assertEquals(List.of(), names(beyond));
    fixtures.order(pool, now.minusSeconds(200)).name("order.pool-5ed5-fail1").failed("x").insert();
    HttpResult filtered = list("phase=successed&limit=1&offset=2");
    assertEquals(5, filtered.body().get("count").asInt());
    assertEquals(List.of("order.pool-5ed5-00002"), names(filtered));
    assertEquals(6, list("limit=1").body().get("count").asInt());
  }

  @Test
  void limitDefaultsToOneHundredAndGoesUpToFiveHundred() {
    for (int i = 0; i < 101; i++) {
      fixtures
          .order(pool, now.minusSeconds(1000 - i))
          .name("order.pool-5ed5-" + (10000 + i))
          .insert();
    }

    for (String query : List.of("", "limit=", "limit=0")) {
      HttpResult result = list(query);
      assertEquals(100, names(result).size(), query);
      assertEquals(101, result.body().get("count").asInt(), query);
    }
    assertEquals(101, names(list("limit=500")).size());
    assertEquals(List.of("order.pool-5ed5-10100"), names(list("limit=1")));
    assertEquals(List.of("order.pool-5ed5-10000"), names(list("offset=100")));
    assertEquals(List.of(), names(list("offset=500")));
  }

  @Test
  void sinceAndUntilSelectCreationTimesWithBothEndsIncluded() {
    Instant t1 = now.minus(Duration.ofHours(3));
    Instant t2 = t1.plusMillis(1);
    Instant t3 = t2.plusMillis(1);
    fixtures.order(pool, t1).name("order.pool-5ed5-tttt1").insert();
    fixtures.order(pool, t2).name("order.pool-5ed5-tttt2").insert();
    fixtures.order(pool, t3).name("order.pool-5ed5-tttt3").insert();
    long m1 = t1.toEpochMilli();

    assertEquals(
        List.of("order.pool-5ed5-tttt2", "order.pool-5ed5-tttt1"),
        names(list("since=" + m1 + "&until=" + (m1 + 1))));
    assertEquals(
        List.of("order.pool-5ed5-tttt2"), names(list("since=" + (m1 + 1) + "&until=" + (m1 + 1))));
    assertEquals(
        List.of("order.pool-5ed5-tttt3", "order.pool-5ed5-tttt2"),
        names(list("since=" + (m1 + 1))));
    assertEquals(List.of("order.pool-5ed5-tttt1"), names(list("until=" + m1)));
  }

  @Test
  void onlyTheLastThirtyDaysCanBeQueriedEvenWithSinceZero() {
    fixtures.order(pool, now.minus(Duration.ofDays(31))).name("order.pool-5ed5-old31").insert();
    fixtures.order(pool, now.minus(Duration.ofDays(29))).name("order.pool-5ed5-new29").insert();

    for (String query : List.of("", "since=0", "since=0&until=" + now.toEpochMilli())) {
      HttpResult result = list(query);
      assertEquals(List.of("order.pool-5ed5-new29"), names(result), query);
      assertEquals(1, result.body().get("count").asInt(), query);
    }
    long thirtyOneDaysAgo = now.minus(Duration.ofDays(31)).toEpochMilli();
    assertEquals(List.of(), names(list("since=0&until=" + thirtyOneDaysAgo)));
  }

  @Test
  void theWindowMovesWithTheClock() {
    fixtures.order(pool, now.minus(Duration.ofDays(1))).name("order.pool-5ed5-day01").insert();
    assertEquals(List.of("order.pool-5ed5-day01"), names(list("since=0")));
    server.clock().advance(Duration.ofDays(30));
    try {
      // The viewer's token has expired by then: log in again.
      ApiClient later = server.login(tenant.viewerName(), Tenant.PASSWORD, tenant.projectName());
      assertEquals(List.of(), names(later.get("/v1/" + projectId + "/orders?since=0")));
    } finally {
      server.clock().advance(Duration.ofDays(-30));
    }
  }

  @Test
  void phaseSelectsOnePhaseAndRunningMeansProcessing() {
    var second = fixtures.pool(projectId, "pool-two", "0", now.minus(Duration.ofDays(1)));
    fixtures.order(pool, now.minusSeconds(40)).name("order.pool-5ed5-succ1").insert();
    fixtures.order(pool, now.minusSeconds(30)).name("order.pool-5ed5-fail1").failed("x").insert();
    fixtures
        .order(pool, now.minusSeconds(20))
        .name("order.pool-5ed5-pend1")
        .phase("pending")
        .insert();
    fixtures
        .order(second, now.minusSeconds(10))
        .name("order.pool-two-proc1")
        .phase("processing")
        .insert();

    assertEquals(List.of("order.pool-5ed5-pend1"), names(list("phase=pending")));
    assertEquals(List.of("order.pool-two-proc1"), names(list("phase=running")));
    assertEquals(List.of("order.pool-two-proc1"), names(list("phase=processing")));
    assertEquals(List.of("order.pool-5ed5-succ1"), names(list("phase=successed")));
    assertEquals(List.of("order.pool-5ed5-fail1"), names(list("phase=failed")));
    assertEquals(4, names(list("")).size());
  }

  @Test
  void resultIsAnAliasOfPhaseAsInTheVendorExample() {
    fixtures.order(pool, now.minusSeconds(40)).name("order.pool-5ed5-w4l2n").insert();
    fixtures.order(pool, now.minusSeconds(30)).name("order.pool-5ed5-fail1").failed("x").insert();

    HttpResult result = list("involvedName=pool-5ed5&limit=20&offset=0&result=successed");
    assertEquals(List.of("order.pool-5ed5-w4l2n"), names(result));
    assertEquals(1, result.body().get("count").asInt());
    assertEquals(List.of("order.pool-5ed5-fail1"), names(list("phase=failed&result=failed")));
    assertEquals(
        List.of("order.pool-5ed5-w4l2n"), names(list("phase=successed&result=successed&x=1")));
  }

  @Test
  void involvedNameMatchesEitherNameOfThePool() {
    var other = fixtures.pool(projectId, "pool-other", "0", now.minus(Duration.ofDays(1)));
    fixtures.order(pool, now.minusSeconds(30)).name("order.pool-5ed5-mine1").insert();
    fixtures.order(other, now.minusSeconds(20)).name("order.pool-other-not01").insert();

    assertEquals(List.of("order.pool-5ed5-mine1"), names(list("involvedName=pool-5ed5")));
    assertEquals(
        List.of("order.pool-5ed5-mine1"), names(list("involvedName=pool-5ed5-" + projectId)));
    assertEquals(2, list("").body().get("count").asInt());
  }

  @Test
  void involvedNameOfNoPoolIsNotFound() {
    var elsewhere = server.newTenant();
    fixtures.pool(elsewhere.projectId(), "pool-theirs", "0", now.minus(Duration.ofDays(1)));

    for (String name : List.of("pool-none", "pool-theirs")) {
      HttpResult result = list("involvedName=" + name);
      assertEquals(404, result.status(), result::toString);
      assertEquals("ModelArts.50015001", result.errorCode());
      assertEquals("Pool " + name + " not found.", result.body().get("error_msg").asText());
    }
  }

  @Test
  void aDeletedPoolIsStillFoundByItsOrders() {
    var gone = fixtures.pool(projectId, "pool-gone", "0", now.minus(Duration.ofDays(3)));
    fixtures.order(gone, now.minus(Duration.ofDays(3))).name("order.pool-gone-apply").insert();
    fixtures
        .order(gone, now.minus(Duration.ofDays(1)))
        .name("order.pool-gone-delet")
        .operation("delete", counts(TWO_CPU, 1), "[]")
        .insert();
    fixtures.markDeleted(gone, now.minus(Duration.ofHours(23)));

    HttpResult result = list("involvedName=pool-gone");
    assertEquals(List.of("order.pool-gone-delet", "order.pool-gone-apply"), names(result));
    assertEquals("[]", result.body().get("items").get(0).get("specCount").toString());
    assertEquals(2, names(list("involvedName=pool-gone-" + projectId)).size());
  }

  @Test
  void unknownParametersAreIgnored() {
    fixtures.order(pool, now.minusSeconds(30)).name("order.pool-5ed5-any01").insert();
    assertEquals(List.of("order.pool-5ed5-any01"), names(list("foo=bar&sort=asc&page=-3")));
    assertEquals(List.of("order.pool-5ed5-any01"), names(list("resource=pools")));
  }
}
