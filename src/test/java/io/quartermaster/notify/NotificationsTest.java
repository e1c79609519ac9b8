package io.quartermaster.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.notify.Receiver.Answer;
import io.quartermaster.notify.Receiver.Delivery;
import io.quartermaster.testing.Eventually;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.PoolDriver;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Notifications against the real server and a real receiver: every event after a subscription's
 * creation arrives once as a signed CloudEvent, in the log's order; filters leave events out;
 * failed attempts are retried with growing pauses or after {@code Retry-After}; the last failed
 * attempt dead-letters the event, which the API then shows, and the events after it still flow.
 */
class NotificationsTest {

  private static final TestServer SERVER = TestServer.get();
  private static final String ROOMY = "modelarts.vm.cpu.2u.d";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String SECRET = "a-receiver-secret-of-enough-length";
  private static Receiver receiver;

  private final Tenant tenant = SERVER.newTenant();
  private final PoolDriver pools = new PoolDriver(tenant);

  @BeforeAll
  static void startReceiver() {
    receiver = new Receiver();
  }

  @AfterAll
  static void stopReceiver() {
    receiver.close();
  }

  private String subscriptions() {
    return "/v1/" + tenant.projectId() + "/subscriptions";
  }

  private JsonNode subscribe(Map<String, Object> body) {
    HttpResult created = tenant.member().post(subscriptions(), body);
    assertEquals(201, created.status(), created::toString);
    return created.body();
  }

  private JsonNode subscribe(String path) {
    return subscribe(Map.of("url", receiver.url(path), "secret", SECRET));
  }

  /** The project's logged events as {@code seq kind}, oldest first. */
  private List<String> logged() {
    return SERVER
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "select seq || ' ' || kind from order_events where project_id = :p"
                            + " order by seq")
                    .bind("p", tenant.projectId())
                    .mapTo(String.class)
                    .list());
  }

  private static List<String> seqAndKind(List<Delivery> deliveries) {
    return deliveries.stream()
        .map(d -> d.seq() + " " + d.type().substring("io.quartermaster.".length()))
        .toList();
  }

  private String newPool() {
    String display = Pools.uniqueName();
    pools.create(Pools.body(display, ROOMY, 1));
    pools.awaitLatestOrderFinished(display);
    return display;
  }

  @Test
  void everyEventAfterCreationArrivesOnceSignedAsACloudEventInOrder() {
    String before = newPool();
    String path = Pools.uniqueName();
    JsonNode subscription = subscribe(path);
    assertEquals(SECRET, subscription.get("secret").asText());
    String display = newPool();
    String order = pools.orders(display).at("/items/0/orderName").asText();

    List<String> expected = logged().stream().filter(e -> !e.startsWith("0 ")).toList();
    long firstAfter = subscription.get("delivered_through").asLong();
    List<String> wanted =
        expected.stream().filter(e -> Long.parseLong(e.split(" ")[0]) > firstAfter).toList();
    Eventually.until(() -> receiver.deliveries(path).size(), n -> n >= wanted.size(), WAIT);

    List<Delivery> got = receiver.deliveries(path);
    assertEquals(wanted, seqAndKind(got), "each event once, in the log's order");
    for (Delivery d : got) {
      assertEquals("application/cloudevents+json", d.contentType());
      assertTrue(DeliverySignature.verify(SECRET, d.signature(), d.body()), d.signature());
      assertFalse(DeliverySignature.verify(SECRET + "x", d.signature(), d.body()));
      JsonNode event = d.event();
      assertEquals("1.0", event.get("specversion").asText());
      assertEquals(tenant.projectId() + ":" + d.seq(), event.get("id").asText());
      assertEquals("/quartermaster/" + tenant.projectId(), event.get("source").asText());
      assertEquals(order, event.get("subject").asText(), "only the new pool's order is sent");
      assertEquals("application/json", event.get("datacontenttype").asText());
      assertEquals(
          event.get("time").asText(), Instant.parse(event.get("time").asText()).toString());
      assertEquals(display, event.at("/data/resourceDisplayName").asText());
      assertEquals(1, d.attempt());
    }
    assertEquals(
        "io.quartermaster.order.successed", got.get(got.size() - 1).type(), "ends with success");
    assertFalse(before.equals(display));

    JsonNode shown =
        tenant.viewer().get(subscriptions() + "/" + subscription.get("id").asText()).body();
    assertNull(shown.get("secret"), "the secret is shown once, at creation");
    assertEquals(got.get(got.size() - 1).seq(), shown.get("delivered_through").asLong());
    assertEquals(0, shown.get("attempts").asInt());
    JsonNode listed = tenant.viewer().get(subscriptions()).body().get("subscriptions");
    assertEquals(1, listed.size());
    assertNull(listed.get(0).get("secret"));
  }

  @Test
  void aGeneratedSecretIsReturnedOnceAndSigns() {
    String path = Pools.uniqueName();
    JsonNode subscription = subscribe(Map.of("url", receiver.url(path)));
    String secret = subscription.get("secret").asText();
    assertTrue(secret.length() >= 43, secret);
    newPool();
    Eventually.until(() -> receiver.deliveries(path).size(), n -> n >= 1, WAIT);
    Delivery first = receiver.deliveries(path).get(0);
    assertTrue(DeliverySignature.verify(secret, first.signature(), first.body()));
  }

  @Test
  void eventTypeAndPoolFiltersLeaveTheOtherEventsOut() {
    String successes = Pools.uniqueName();
    String onePool = Pools.uniqueName();
    String watched = Pools.uniqueName();
    subscribe(
        Map.of(
            "url",
            receiver.url(successes),
            "event_types",
            List.of("order.successed", "io.quartermaster.order.failed")));
    subscribe(Map.of("url", receiver.url(onePool), "pool", watched));
    String all = Pools.uniqueName();
    subscribe(all);

    pools.create(Pools.body(watched, ROOMY, 1));
    pools.awaitLatestOrderFinished(watched);
    String other = newPool();
    int events = logged().size();
    Eventually.until(() -> receiver.deliveries(all).size(), n -> n >= events, WAIT);
    // Each subscription has a job of its own: wait for the filtered ones to reach the end too.
    Eventually.until(() -> receiver.deliveries(successes).size(), n -> n >= 2, WAIT);
    Eventually.until(
        () -> receiver.deliveries(onePool),
        got -> !got.isEmpty() && got.get(got.size() - 1).type().endsWith("order.successed"),
        WAIT);

    assertEquals(
        List.of("io.quartermaster.order.successed", "io.quartermaster.order.successed"),
        receiver.deliveries(successes).stream().map(Delivery::type).toList());
    List<Delivery> ofPool = receiver.deliveries(onePool);
    assertFalse(ofPool.isEmpty());
    ofPool.forEach(
        d -> assertEquals(watched, d.event().at("/data/resourceDisplayName").asText(), d.body()));
    assertTrue(
        receiver.deliveries(all).stream()
            .anyMatch(d -> d.event().at("/data/resourceDisplayName").asText().equals(other)));
  }

  @Test
  void failedAttemptsAreRetriedWithGrowingPausesThenDeliveredAndHoldTheNextEventsBack() {
    String path = Pools.uniqueName();
    // The first event fails twice, then is taken; every later one is taken at once.
    receiver.answer(
        path,
        (d, seenBefore) ->
            d.type().endsWith("order.placed") && seenBefore < 2
                ? new Answer(500, Map.of())
                : Answer.ok());
    subscribe(path);
    newPool();
    int events = logged().size();
    Eventually.until(() -> receiver.distinctIds(path).size(), n -> n >= events, WAIT);

    List<Delivery> got = receiver.deliveries(path);
    List<Delivery> placed = got.stream().filter(d -> d.type().endsWith("order.placed")).toList();
    assertEquals(List.of(1, 2, 3), placed.stream().map(Delivery::attempt).toList());
    long firstPause = Duration.between(placed.get(0).at(), placed.get(1).at()).toMillis();
    long secondPause = Duration.between(placed.get(1).at(), placed.get(2).at()).toMillis();
    assertTrue(firstPause >= TestServer.NOTIFY_BACKOFF_MILLIS, "first pause " + firstPause);
    assertTrue(
        secondPause >= 2 * TestServer.NOTIFY_BACKOFF_MILLIS, "second pause doubled " + secondPause);
    assertEquals(placed.get(2), got.get(2), "nothing else was sent before the first was taken");
    assertEquals(got.size(), events + 2, "every other event once");
    assertSeqsIncrease(receiver.distinctIds(path));
  }

  @Test
  void retryAfterIsHonoured() {
    String path = Pools.uniqueName();
    receiver.answer(
        path,
        (d, seenBefore) ->
            d.type().endsWith("order.placed") && seenBefore == 0
                ? new Answer(503, Map.of("Retry-After", "1"))
                : Answer.ok());
    subscribe(path);
    newPool();
    Eventually.until(() -> receiver.deliveries(path).size(), n -> n >= 2, WAIT);
    List<Delivery> got = receiver.deliveries(path);
    assertEquals(got.get(0).id(), got.get(1).id());
    long pause = Duration.between(got.get(0).at(), got.get(1).at()).toMillis();
    assertTrue(pause >= 1000, "waited as Retry-After said, not the 100 ms backoff: " + pause);
  }

  @Test
  void theLastFailedAttemptDeadLettersTheEventAndTheNextOnesStillFlow() {
    String path = Pools.uniqueName();
    receiver.answer(
        path,
        (d, seenBefore) ->
            d.type().endsWith("order.placed") ? new Answer(500, Map.of()) : Answer.ok());
    JsonNode subscription = subscribe(path);
    String id = subscription.get("id").asText();
    newPool();
    int events = logged().size();
    Eventually.until(() -> receiver.distinctIds(path).size(), n -> n >= events, WAIT);

    List<Delivery> placed =
        receiver.deliveries(path).stream().filter(d -> d.type().endsWith("order.placed")).toList();
    assertEquals(TestServer.NOTIFY_ATTEMPTS, placed.size(), "attempted N times, then given up");
    HttpResult dead = tenant.viewer().get(subscriptions() + "/" + id + "/deliveries?state=dead");
    assertEquals(200, dead.status(), dead::toString);
    JsonNode letters = dead.body().get("deliveries");
    assertEquals(1, letters.size(), letters::toString);
    JsonNode letter = letters.get(0);
    assertEquals(placed.get(0).id(), letter.get("id").asText());
    assertEquals("io.quartermaster.order.placed", letter.get("type").asText());
    assertEquals("dead", letter.get("state").asText());
    assertEquals(TestServer.NOTIFY_ATTEMPTS, letter.get("attempts").asInt());
    assertEquals(500, letter.get("last_status").asInt());
    assertEquals("answered 500", letter.get("last_error").asText());
    assertEquals(
        dead.body(), tenant.viewer().get(subscriptions() + "/" + id + "/deliveries").body());
    assertSeqsIncrease(receiver.distinctIds(path));

    HttpResult badState = tenant.viewer().get(subscriptions() + "/" + id + "/deliveries?state=x");
    assertEquals(400, badState.status());
    assertEquals("ModelArts.50004000", badState.errorCode());
  }

  @Test
  void aDeletedSubscriptionReceivesNothingMore() {
    String path = Pools.uniqueName();
    String id = subscribe(path).get("id").asText();
    HttpResult viewerDelete = tenant.viewer().delete(subscriptions() + "/" + id);
    assertEquals(403, viewerDelete.status());
    assertEquals("ModelArts.0108", viewerDelete.errorCode());
    assertEquals(204, tenant.member().delete(subscriptions() + "/" + id).status());
    assertEquals(404, tenant.viewer().get(subscriptions() + "/" + id).status());
    assertEquals(404, tenant.member().delete(subscriptions() + "/" + id).status());
    newPool();
    String watcher = Pools.uniqueName();
    subscribe(watcher);
    newPool();
    Eventually.until(() -> receiver.deliveries(watcher).size(), n -> n >= 1, WAIT);
    assertEquals(List.of(), receiver.deliveries(path));
  }

  @Test
  void badSubscriptionsAreRefusedWithA400AndNothingIsCreated() {
    List<Map<String, Object>> bad = new ArrayList<>();
    bad.add(Map.of("url", "file:///etc/passwd"));
    bad.add(Map.of("url", "ftp://127.0.0.1/x"));
    bad.add(Map.of("url", "gopher://127.0.0.1/x"));
    bad.add(Map.of("url", "http:///no-host"));
    bad.add(Map.of("url", "not a url"));
    bad.add(Map.of("url", "http://user:password@127.0.0.1/x"));
    bad.add(Map.of("url", "http://127.0.0.1/" + "x".repeat(2048)));
    bad.add(Map.of());
    bad.add(Map.of("url", 12));
    bad.add(Map.of("url", receiver.url("x"), "secret", "short"));
    bad.add(Map.of("url", receiver.url("x"), "secret", "with spaces in the secret"));
    bad.add(Map.of("url", receiver.url("x"), "event_types", List.of("order.done")));
    bad.add(Map.of("url", receiver.url("x"), "event_types", "order.placed"));
    bad.add(Map.of("url", receiver.url("x"), "pool", "p".repeat(65)));
    bad.add(Map.of("url", receiver.url("x"), "colour", "red"));
    for (Map<String, Object> body : bad) {
      HttpResult refused = tenant.member().post(subscriptions(), body);
      assertEquals(400, refused.status(), () -> body + " → " + refused);
      assertEquals("ModelArts.50004000", refused.errorCode(), refused::toString);
      assertTrue(refused.body().get("error_msg").asText().startsWith("Bad request: "));
    }
    HttpResult scheme = tenant.member().post(subscriptions(), Map.of("url", "file:///etc/passwd"));
    assertEquals(
        "Bad request: url must use http or https", scheme.body().get("error_msg").asText());
    HttpResult viewer = tenant.viewer().post(subscriptions(), Map.of("url", receiver.url("x")));
    assertEquals(403, viewer.status());
    assertEquals(0, tenant.viewer().get(subscriptions()).body().get("subscriptions").size());
  }

  private static void assertSeqsIncrease(List<String> ids) {
    long last = 0;
    for (String id : ids) {
      long seq = Long.parseLong(id.substring(id.indexOf(':') + 1));
      assertTrue(seq > last, "in order: " + ids);
      last = seq;
    }
  }
}
