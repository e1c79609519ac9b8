package io.quartermaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.json.Json;
import io.quartermaster.testing.DroppableProxy;
import io.quartermaster.testing.Eventually;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.QmCli;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code qm events}: the project's or one order's event stream printed as it comes, each event once
 * and in order, resumed after a cut where it stopped.
 */
class EventsCommandTest {

  private final TestServer server = TestServer.get();

  @TempDir Path home;

  @Test
  void anOrdersEventsArePrintedAsTheyHappenUntilItsLastOne() throws Exception {
    Tenant tenant = server.newTenant();
    QmCli.Run run;
    String name;
    try (DroppableProxy network = new DroppableProxy(server.port())) {
      QmCli qm =
          new QmCli(home, network.baseUrl())
              .login(tenant.memberName(), Tenant.PASSWORD, tenant.projectName());
      name = PendingOrder.place(qm).order();
      String followed = name;
      long relayedBefore = network.bytesFromTarget();
      CompletableFuture<QmCli.Run> events =
          CompletableFuture.supplyAsync(() -> qm.run("events", "--order", followed));
      // The stream is open once the server has sent something back through the relay (a count
      // of the server's streams would also move with other tests' streams).
      Eventually.until(network::bytesFromTarget, sent -> sent > relayedBefore || events.isDone());
      assertEquals(0, qm.run("pay", name).exit());
      run = events.get();
    }

    assertEquals(0, run.exit(), run.toString());
    List<String[]> rows = new ArrayList<>();
    for (String line : run.out().split("\n")) {
      rows.add(line.split(" {2}"));
    }
    assertEquals("order.placed", rows.getFirst()[2], run.out());
    assertEquals("order.successed", rows.getLast()[2], run.out());
    assertTrue(run.out().contains("item.succeed  " + name + "  "), run.out());
    assertIdsRiseByOne(rows.stream().map(row -> Long.parseLong(row[0])).toList());
  }

  @Test
  void jsonPrintsEachEventAsTheServiceSentItAndAfterSkipsWhatCameBefore() throws Exception {
    Tenant tenant = server.newTenant();
    QmCli qm = QmCli.of(home).login(tenant.memberName(), Tenant.PASSWORD, tenant.projectName());
    QmCli.Run create =
        qm.run(
            "pools", "create", Pools.uniqueName(), "--flavor", Pools.CPU, "--count", "1", "--wait");
    assertEquals(0, create.exit(), create.toString());

    QmCli.Run all = qm.run("events", "--after", "0", "--limit", "3", "-o", "json");
    QmCli.Run later = qm.run("events", "--after", "1", "--limit", "2", "-o", "json");

    assertEquals(0, all.exit(), all.toString());
    List<JsonNode> events = json(all.out());
    assertEquals(3, events.size());
    assertEquals("order.placed", events.getFirst().get("type").asText());
    assertIdsRiseByOne(events.stream().map(event -> event.get("id").asLong()).toList());
    assertEquals(events.subList(1, 3), json(later.out()));
  }

  @Test
  void aCutConnectionIsResumedWithNothingMissedOrRepeated() throws Exception {
    Tenant tenant = server.newTenant();
    try (DroppableProxy network = new DroppableProxy(server.port())) {
      QmCli qm =
          new QmCli(home, network.baseUrl())
              .login(tenant.memberName(), Tenant.PASSWORD, tenant.projectName());
      String name = PendingOrder.place(qm).order();
      long relayedBefore = network.bytesFromTarget();
      CompletableFuture<QmCli.Run> events =
          CompletableFuture.supplyAsync(() -> qm.run("events", "--order", name, "-o", "json"));
      // The stream is open once the server has sent something back through the relay.
      Eventually.until(network::bytesFromTarget, sent -> sent > relayedBefore || events.isDone());

      network.dropAll();
      assertEquals(0, qm.run("pay", name).exit());
      QmCli.Run run = events.get();

      assertEquals(0, run.exit(), run.toString());
      assertTrue(run.err().contains("reconnect"), run.toString());
      List<JsonNode> seen = json(run.out());
      assertEquals("order.successed", seen.getLast().get("type").asText());
      assertIdsRiseByOne(seen.stream().map(event -> event.get("id").asLong()).toList());
    }
  }

  @Test
  void refusalsEndWithTheServicesErrorAndTheExitStatusOfTheirClass() {
    Tenant tenant = server.newTenant();
    QmCli qm = QmCli.of(home).login(tenant.viewerName(), Tenant.PASSWORD, tenant.projectName());

    QmCli.Run unknown = qm.run("events", "--order", "order.no-such-order");
    QmCli.Run beyond = qm.run("events", "--after", "999999");
    QmCli.Run badLimit = qm.run("events", "--limit", "0");

    assertEquals(ExitCodes.NOT_FOUND, unknown.exit(), unknown.toString());
    assertTrue(unknown.err().contains("ModelArts."), unknown.toString());
    assertEquals(ExitCodes.USAGE, beyond.exit(), beyond.toString());
    assertTrue(beyond.err().contains("ModelArts."), beyond.toString());
    assertEquals(ExitCodes.USAGE, badLimit.exit(), badLimit.toString());
    assertEquals("", unknown.out() + beyond.out() + badLimit.out());
  }

  private static void assertIdsRiseByOne(List<Long> ids) {
    for (int i = 1; i < ids.size(); i++) {
      assertEquals(ids.get(i - 1) + 1, ids.get(i), "ids " + ids);
    }
  }

  private static List<JsonNode> json(String lines) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String line : lines.split("\n")) {
      if (!line.isBlank()) {
        out.add(Json.mapper().readTree(line));
      }
    }
    return out;
  }
}
