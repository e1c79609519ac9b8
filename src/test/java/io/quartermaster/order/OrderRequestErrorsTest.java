package io.quartermaster.order;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The refusals of ListOrders and ShowOrder, in the contract's order: 401, then 403, then 400, then
 * 404; each with its status, code and message, and none of them changing anything.
 */
class OrderRequestErrorsTest {

  private final TestServer server = TestServer.get();
  private final OrderFixtures fixtures = new OrderFixtures(server.jdbi());
  private final Instant now = server.clock().instant().truncatedTo(ChronoUnit.MILLIS);
  private String projectId;
  private String orders;
  private ApiClient viewer;
  private OrderFixtures.Inserted order;

  @BeforeEach
  void projectWithOneOrder() {
    var tenant = server.newTenant();
    projectId = tenant.projectId();
    orders = "/v1/" + projectId + "/orders";
    viewer = tenant.viewer();
    var pool = fixtures.pool(projectId, "pool-5ed5", "0", now.minus(Duration.ofDays(1)));
    order = fixtures.order(pool, now.minusSeconds(60)).insert();
  }

  private List<Map<String, Object>> storedOrders() {
    return server
        .jdbi()
        .withHandle(
            h ->
                h.createQuery("select * from orders where project_id = :p order by id")
                    .bind("p", projectId)
                    .mapToMap()
                    .list());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "limit=-1                      | limit must be an integer between 0 and 500 (0, empty"
            + " or absent means the default, 100)",
        "limit=501                     | limit must be an integer between 0 and 500 (0, empty"
            + " or absent means the default, 100)",
        "limit=ten                     | limit must be an integer between 0 and 500 (0, empty"
            + " or absent means the default, 100)",
        "limit=1.5                     | limit must be an integer between 0 and 500 (0, empty"
            + " or absent means the default, 100)",
        "offset=501                    | offset must be an integer between 0 and 500",
        "offset=-1                     | offset must be an integer between 0 and 500",
        "since=-1                      | since must be an integer of at least 0 (milliseconds since"
            + " the epoch)",
        "until=yesterday               | until must be an integer of at least 0 (milliseconds since"
            + " the epoch)",
        "since=2000&until=1999         | since must not be greater than until (until defaults to the"
            + " current time)",
        "phase=completed               | phase must be one of pending, running, processing,"
            + " successed, failed",
        "result=done                   | result must be one of pending, running, processing,"
            + " successed, failed",
        "phase=failed&result=successed | result is an alias of phase; when both are given they"
            + " must select the same phase",
        "resource=nodes                | resource must be pools",
        "involvedName=nope&limit=-1    | limit must be an integer between 0 and 500 (0, empty"
            + " or absent means the default, 100)",
      })
  void badListParametersAre400WithTheRuleAndChangeNothing(String query, String rule) {
    List<Map<String, Object>> before = storedOrders();

    HttpResult result = viewer.get(orders + "?" + query);

    assertEquals(400, result.status(), result::toString);
    assertEquals("ModelArts.50004000", result.errorCode());
    assertEquals("Bad request: " + rule, result.body().get("error_msg").asText());
    assertEquals(before, storedOrders());
    assertEquals(1, viewer.get(orders).body().get("count").asInt());
  }

  @Test
  void namesLongerThan64CharactersAre400() {
    for (String name : List.of("workspaceId", "involvedName")) {
      HttpResult result = viewer.get(orders + "?" + name + "=" + "n".repeat(65));
      assertEquals(400, result.status(), result::toString);
      assertEquals(
          "Bad request: " + name + " must be at most 64 characters long",
          result.body().get("error_msg").asText());
    }
  }

  @Test
  void withoutATokenBothAre401BeforeAnythingElse() {
    ApiClient anonymous = server.client();
    for (String path :
        List.of(orders, orders + "?limit=-1", orders + "/" + order.orderName(), orders + "/x")) {
      HttpResult result = anonymous.get(path);
      assertEquals(401, result.status(), path + " " + result);
      assertEquals("ModelArts.50001000", result.errorCode());
    }
  }

  @Test
  void anotherProjectsTokenIs403BeforeValidationAndExistence() {
    ApiClient stranger = server.newTenant().member();
    for (String path :
        List.of(orders, orders + "?limit=-1", orders + "/" + order.orderName(), orders + "/x")) {
      HttpResult result = stranger.get(path);
      assertEquals(403, result.status(), path + " " + result);
      assertEquals("ModelArts.0210", result.errorCode());
      assertEquals(
          "The project id in the request URL does not match the token.",
          result.body().get("error_msg").asText());
    }
  }

  @Test
  void everyRoleOfTheProjectMayRead() {
    var tenant = server.newTenant();
    var pool = fixtures.pool(tenant.projectId(), "pool-read", "0", now.minus(Duration.ofDays(1)));
    var placed = fixtures.order(pool, now.minusSeconds(5)).insert();
    String base = "/v1/" + tenant.projectId() + "/orders";
    for (ApiClient client : List.of(tenant.viewer(), tenant.member(), tenant.admin())) {
      assertEquals(1, client.get(base).body().get("count").asInt());
      assertEquals(200, client.get(base + "/" + placed.orderName()).status());
    }
  }

  @Test
  void anUnknownOrderIs404() {
    HttpResult result = viewer.get(orders + "/order.pool-5ed5-zzzzz");
    assertEquals(404, result.status(), result::toString);
    assertEquals(
        "{\"error_code\":\"ModelArts.50015001\",\"error_msg\":\"Order order.pool-5ed5-zzzzz not"
            + " found.\"}",
        result.rawBody());
  }

  @Test
  void anotherProjectsOrderIs404LikeAMissingOne() {
    var other = server.newTenant();
    String theirs = "/v1/" + other.projectId() + "/orders/";
    for (String name : List.of(order.orderName(), order.orderId())) {
      HttpResult result = other.viewer().get(theirs + name);
      assertEquals(404, result.status(), result::toString);
      assertEquals("Order " + name + " not found.", result.body().get("error_msg").asText());
    }
  }
}
