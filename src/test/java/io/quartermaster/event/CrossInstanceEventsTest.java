package io.quartermaster.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.app.Application;
import io.quartermaster.app.Config;
import io.quartermaster.db.DatabaseConfig;
import io.quartermaster.engine.EngineConfig;
import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.DebianPostgres;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.Identities;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.SseClient;
import io.quartermaster.testing.SseClient.Event;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances on one external PostgreSQL (Debian's): an order carried out by either appears on a
 * stream held open on the other within about a second. The periodic re-read is set to a minute
 * here, so only the notification can be that fast.
 */
class CrossInstanceEventsTest {

  private static final Duration NODE_TIME = Duration.ofMillis(200);
  private static final Duration MAX_STREAM = Duration.ofSeconds(10);
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static DebianPostgres postgres;
  private static final List<Application> instances = new ArrayList<>();
  private static Tenant onA;
  private static Tenant onB;

  @BeforeAll
  static void startTwoInstances(@TempDir Path dir) throws Exception {
    postgres = DebianPostgres.start();
    for (String name : List.of("a", "b")) {
      instances.add(Application.start(config(dir.resolve(name)), Clock.systemUTC()));
    }
    ApiClient anonymousA = new ApiClient(url(0), null);
    Identities identitiesA = new Identities(anonymousA);
    onA = identitiesA.newTenant(identitiesA.login("admin", TestServer.ADMIN_PASSWORD, "default"));
    // The same users and project, through the other instance.
    Identities identitiesB = new Identities(new ApiClient(url(1), null));
    onB =
        new Tenant(
            onA.projectId(),
            onA.projectName(),
            identitiesB.login("admin", TestServer.ADMIN_PASSWORD, onA.projectName()),
            identitiesB.login(onA.memberName(), Tenant.PASSWORD, onA.projectName()),
            identitiesB.login(onA.viewerName(), Tenant.PASSWORD, onA.projectName()));
  }

  private static Config config(Path dataDir) {
    Config base = TestServer.testConfig(dataDir);
    EngineConfig engine = base.engine();
    return base.withDatabase(
            new DatabaseConfig(dataDir, Optional.of(postgres.jdbcUrl()), "postgres", "", 8, false))
        .withEngine(
            new EngineConfig(
                engine.workers(),
                engine.pollInterval(),
                engine.heartbeatInterval(),
                engine.missedHeartbeats(),
                engine.maxRetries(),
                engine.retryBackoff(),
                NODE_TIME,
                engine.simulatedFaults()))
        .withEvents(new EventConfig(Duration.ofMillis(500), Duration.ofMinutes(1), MAX_STREAM));
  }

  private static String url(int instance) {
    return "http://127.0.0.1:" + instances.get(instance).port();
  }

  @AfterAll
  static void stop() throws Exception {
    instances.forEach(Application::close);
    if (postgres != null) {
      postgres.close();
    }
  }

  private static String place(Tenant tenant, int nodes) {
    HttpResult created =
        tenant
            .member()
            .post(
                "/v2/" + tenant.projectId() + "/pools",
                Pools.body(Pools.uniqueName(), Pools.CPU, nodes));
    assertEquals(200, created.status(), created::toString);
    return created.body().at("/metadata/labels/os.modelarts~1order.name").asText();
  }

  @Test
  void anOrderPlacedOnOneInstanceIsStreamedByTheOtherWithinASecond() {
    try (SseClient stream = SseClient.open(onB.viewer(), "/v1/" + onB.projectId() + "/events")) {
      String order = place(onA, 3);

      List<Event> seen = stream.until("order.successed", WAIT);

      assertEquals(11, seen.size(), seen::toString);
      for (Event event : seen) {
        assertEquals(order, event.data().get("orderName").asText());
        Duration late =
            Duration.between(
                Instant.ofEpochMilli(event.data().get("time").asLong()), event.received());
        assertTrue(
            late.compareTo(Duration.ofSeconds(2)) < 0, event.event() + " came " + late + " late");
      }
    }
  }

  @Test
  void aClientThatMovesToTheOtherInstanceMidOrderGetsTheRestWithoutGapOrDuplicate() {
    String order = place(onA, 4);
    String path = "/v1/" + onA.projectId() + "/orders/" + order + "/events";
    List<Event> first = new ArrayList<>();
    try (SseClient stream = SseClient.open(onA.viewer(), path)) {
      for (int i = 0; i < 4; i++) {
        first.add(stream.next(WAIT));
      }
    }
    try (SseClient stream =
        SseClient.open(onB.viewer(), path, Map.of("Last-Event-ID", first.getLast().id()))) {
      List<Event> rest = stream.until("order.successed", WAIT);
      List<Event> all = new ArrayList<>(first);
      all.addAll(rest);

      assertEquals(13, all.size(), all::toString);
      for (int i = 1; i < all.size(); i++) {
        assertEquals(
            Long.parseLong(all.get(i - 1).id()) + 1,
            Long.parseLong(all.get(i).id()),
            all::toString);
      }
      assertEquals("order.successed", all.getLast().event());
      assertNull(stream.next(WAIT), "the order's stream ends with the order");
    }
  }

  @Test
  void aStreamEndsAfterItsMaximumDurationSoThatTheClientReconnectsAndIsAuthorisedAgain() {
    Instant opened = Instant.now();
    try (SseClient stream = SseClient.open(onB.viewer(), "/v1/" + onB.projectId() + "/events")) {
      assertEquals(200, stream.status());
      assertNull(stream.next(MAX_STREAM.plus(WAIT)));
      Duration open = Duration.between(opened, Instant.now());
      assertTrue(open.compareTo(MAX_STREAM.minusSeconds(1)) > 0, "open for " + open);
    }
  }
}
