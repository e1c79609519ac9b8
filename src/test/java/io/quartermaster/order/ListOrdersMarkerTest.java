package io.quartermaster.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.pool.PoolRow;
import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ListOrders' {@code marker} (an extension): keyset pages on (creationTimestamp desc, orderName)
 * that stay put while orders are placed, with a {@code nextMarker} only for callers who page by
 * marker, and a 400 for any marker the service did not issue for that listing.
 */
class ListOrdersMarkerTest {

  private final TestServer server = TestServer.get();
  private final OrderFixtures fixtures = new OrderFixtures(server.jdbi());
  private final Instant now = server.clock().instant().truncatedTo(ChronoUnit.MILLIS);
  private Tenant tenant;
  private ApiClient viewer;
  private PoolRow pool;
  private final List<String> newestFirst = new ArrayList<>();

  /** 23 orders, three of them placed at the same millisecond (the name breaks the tie). */
  @BeforeEach
  void ordersOfAProject() {
    tenant = server.newTenant();
    viewer = tenant.viewer();
    pool = fixtures.pool(tenant.projectId(), "pool-mark", "0", now.minus(Duration.ofDays(3)));
    List<OrderFixtures.Inserted> inserted = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      inserted.add(
          fixtures
              .order(pool, now.minus(Duration.ofHours(40 - i)))
              .name("order.pool-mark-a%04d".formatted(i))
              .insert());
    }
    Instant tie = now.minus(Duration.ofMinutes(5));
    for (String suffix : List.of("c", "a", "b")) {
      inserted.add(fixtures.order(pool, tie).name("order.pool-mark-t000" + suffix).insert());
    }
    inserted.stream()
        .sorted(
            (x, y) ->
                x.createdAt().equals(y.createdAt())
                    ? x.orderName().compareTo(y.orderName())
                    : y.createdAt().compareTo(x.createdAt()))
        .forEach(o -> newestFirst.add(o.orderName()));
  }

  private HttpResult list(String query) {
    return viewer.get("/v1/" + tenant.projectId() + "/orders?" + query);
  }

  private static List<String> names(HttpResult result) {
    assertEquals(200, result.status(), result::toString);
    return StreamSupport.stream(result.body().get("items").spliterator(), false)
        .map(item -> item.get("orderName").asText())
        .toList();
  }

  private static String encoded(String marker) {
    return URLEncoder.encode(marker, StandardCharsets.UTF_8);
  }

  @Test
  void anEmptyMarkerAsksForTheFirstPageAndEachNextMarkerForTheNextUntilTheLast() {
    List<String> all = new ArrayList<>();
    HttpResult page = list("limit=7&marker=");
    int pages = 1;
    while (true) {
      assertEquals(23, page.body().get("count").asInt(), "count is all matching orders");
      all.addAll(names(page));
      if (!page.body().has("nextMarker")) {
        break;
      }
      page = list("limit=7&marker=" + encoded(page.body().get("nextMarker").asText()));
      pages++;
    }
    assertEquals(newestFirst, all);
    assertEquals(4, pages);
  }

  @Test
  void vendorClientsThatSendNoMarkerSeeNoNewField() {
    HttpResult page = list("limit=5");
    assertEquals(newestFirst.subList(0, 5), names(page));
    assertFalse(page.body().has("nextMarker"), page::toString);
    assertEquals(List.of("count", "items"), fieldNames(page));
  }

  @Test
  void thereIsNoNextMarkerWhenThePageIsTheLast() {
    HttpResult page = list("limit=23&marker=");
    assertEquals(newestFirst, names(page));
    assertFalse(page.body().has("nextMarker"));
  }

  @Test
  void pagesStayPutWhileNewOrdersArePlaced() {
    HttpResult first = list("limit=10&marker=");
    String marker = first.body().get("nextMarker").asText();
    for (int i = 0; i < 5; i++) {
      fixtures.order(pool, now.minusSeconds(i)).name("order.pool-mark-n%04d".formatted(i)).insert();
    }

    HttpResult second = list("limit=10&marker=" + encoded(marker));

    assertEquals(newestFirst.subList(10, 20), names(second));
    assertEquals(28, second.body().get("count").asInt());
  }

  @Test
  void markersCarryTheFiltersTheyWereIssuedFor() {
    HttpResult filtered = list("limit=2&phase=successed&marker=");
    String marker = filtered.body().get("nextMarker").asText();

    assertEquals(200, list("limit=2&phase=successed&marker=" + encoded(marker)).status());
    assertBadMarker(list("limit=2&phase=failed&marker=" + encoded(marker)));
    assertBadMarker(list("limit=2&marker=" + encoded(marker)));
    Tenant other = server.newTenant();
    fixtures.order(fixtures.pool(other.projectId(), "pool-mark", "0", now), now).insert();
    HttpResult foreign =
        other
            .viewer()
            .get("/v1/" + other.projectId() + "/orders?phase=successed&marker=" + encoded(marker));
    assertBadMarker(foreign);
  }

  @Test
  void aMarkerChangedByHandOrMadeUpIsA400() {
    String marker = list("limit=3&marker=").body().get("nextMarker").asText();
    char[] chars = marker.toCharArray();
    chars[2] = chars[2] == 'A' ? 'B' : 'A';
    String tampered = new String(chars);
    assertNotEquals(marker, tampered);

    for (String bad :
        List.of(
            tampered, "abc", "abc.def", marker + "x", "x".repeat(600), marker.replace('.', '!'))) {
      assertBadMarker(list("limit=3&marker=" + encoded(bad)));
    }
  }

  @Test
  void offsetCannotBeCombinedWithAMarker() {
    assertBadMarker(list("offset=5&marker="));
    assertEquals(200, list("offset=0&marker=").status());
  }

  @Test
  void anUnknownPoolIsStillA404WithAMarker() {
    HttpResult result = list("involvedName=pool-none&marker=");
    assertEquals(404, result.status());
    assertEquals("ModelArts.50015001", result.errorCode());
  }

  private static void assertBadMarker(HttpResult result) {
    assertEquals(400, result.status(), result::toString);
    assertEquals("ModelArts.50004000", result.errorCode(), result::toString);
    assertTrue(result.body().get("error_msg").asText().startsWith("Bad request: "));
  }

  private static List<String> fieldNames(HttpResult result) {
    List<String> names = new ArrayList<>();
    result.body().fieldNames().forEachRemaining(names::add);
    return names;
  }
}
