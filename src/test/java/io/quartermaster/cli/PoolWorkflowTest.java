package io.quartermaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.QmCli;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pool's life through the client, as an operator drives it: create with {@code --wait}, list,
 * show, scale, watch, delete; each step's table or JSON checked against what the API itself says.
 */
class PoolWorkflowTest {

  private final TestServer server = TestServer.get();

  @TempDir Path home;

  @Test
  void createListShowScaleWatchAndDeleteAPool() throws Exception {
    Tenant tenant = server.newTenant();
    QmCli qm = QmCli.of(home).login(tenant.memberName(), Tenant.PASSWORD, tenant.projectName());
    String pool = Pools.uniqueName();
    String ordersOfPool = "/v1/" + tenant.projectId() + "/orders?involvedName=" + pool;

    QmCli.Run create =
        qm.run("pools", "create", pool, "--flavor", Pools.CPU, "--count", "1", "--wait");
    assertEquals(0, create.exit(), create.toString());
    assertTrue(
        create.out().startsWith("pool " + pool + " created: order order." + pool + "-"),
        create.out());
    assertTrue(create.out().contains("createNode"), create.out());
    assertTrue(
        create.out().strip().endsWith("successed in " + lastWord(create.out())), create.out());

    QmCli.Run list = qm.run("pools", "list");
    assertEquals(0, list.exit(), list.toString());
    assertEquals(
        List.of("NAME", "PHASE", "FLAVOR", "NODES", "ORDER", "CREATED", "MESSAGE"),
        words(header(list)));
    String row = line(list.out(), pool);
    assertTrue(row.contains("Running") && row.contains(Pools.CPU) && row.contains("1/1"), row);

    String poolPath =
        "/v2/" + tenant.projectId() + "/pools/" + Pools.poolName(pool, tenant.projectId());
    QmCli.Run show = qm.run("pools", "show", pool, "-o", "json");
    assertEquals(
        tenant.viewer().get(poolPath).rawBody(),
        show.out().strip(),
        "the service's JSON, unchanged");
    QmCli.Run details = qm.run("pools", "show", pool);
    assertTrue(line(details.out(), "Resources:").endsWith(" " + Pools.CPU + " ×1"), details.out());

    QmCli.Run scale = qm.run("pools", "scale", pool, "--count", "2", "--wait");
    assertEquals(0, scale.exit(), scale.toString());
    assertTrue(
        scale.out().startsWith("pool " + pool + " scaled to 2 nodes: order order."), scale.out());
    assertEquals(2, tenant.viewer().get(poolPath + "/nodes").body().get("items").size());

    QmCli.Run orders = qm.run("orders", "list", "--pool", pool);
    assertEquals(0, orders.exit(), orders.toString());
    List<String> rows = orders.out().lines().skip(1).toList();
    assertEquals(2, rows.size(), orders.out());
    assertTrue(rows.get(0).contains("modify") && rows.get(0).contains("successed"), rows.get(0));
    assertTrue(
        rows.get(0).contains("1 → 2") && rows.get(0).contains(tenant.memberName()), rows.get(0));
    assertTrue(rows.get(1).contains("apply") && rows.get(1).contains("0 → 1"), rows.get(1));

    HttpResult api = tenant.viewer().get(ordersOfPool + "&limit=100");
    assertEquals(
        api.rawBody(), qm.run("orders", "list", "--pool", pool, "-o", "json").out().strip());

    String order = api.body().at("/items/0/orderName").asText();
    QmCli.Run showOrder = qm.run("orders", "show", order);
    assertEquals(0, showOrder.exit(), showOrder.toString());
    assertTrue(line(showOrder.out(), "Operation:").endsWith(" modify"), showOrder.out());
    assertTrue(line(showOrder.out(), "createNode").contains("succeed"), showOrder.out());
    String showOrderPath = "/v1/" + tenant.projectId() + "/orders/" + order;
    assertEquals(
        tenant.viewer().get(showOrderPath).rawBody(),
        qm.run("orders", "show", order, "-o", "json").out().strip());

    QmCli.Run watch = qm.run("orders", "watch", order);
    assertEquals(0, watch.exit(), watch.toString());
    assertTrue(watch.out().contains("order " + order + " successed in"), watch.out());

    QmCli.Run nodes = qm.run("pools", "nodes", pool, "-o", "csv");
    assertEquals("name,flavor,az,phase,created", nodes.out().lines().findFirst().orElseThrow());
    assertEquals(3, nodes.out().lines().count(), nodes.out());

    QmCli.Run delete = qm.run("pools", "delete", pool, "--wait");
    assertEquals(0, delete.exit(), delete.toString());
    assertTrue(
        delete.out().startsWith("pool " + pool + " is being deleted: order order."), delete.out());
    assertEquals(ExitCodes.NOT_FOUND, qm.run("pools", "show", pool).exit());

    QmCli.Run csv = qm.run("orders", "list", "--pool", pool, "-o", "csv");
    List<String> lines = csv.out().lines().toList();
    assertTrue(
        lines.get(0).startsWith("orderName,orderId,operation,phase,pool,nodesBefore,nodesAfter"),
        csv.out());
    assertEquals(4, lines.size(), csv.out());
    assertTrue(lines.get(1).contains(",delete,successed," + pool + ",2,0,"), lines.get(1));
  }

  @Test
  void yamlIsTheServicesJsonAsYaml() throws Exception {
    Tenant tenant = server.newTenant();
    QmCli qm = QmCli.of(home).login(tenant.viewerName(), Tenant.PASSWORD, tenant.projectName());

    QmCli.Run yaml = qm.run("flavors", "-o", "yaml");

    assertEquals(0, yaml.exit(), yaml.toString());
    JsonNode fromYaml = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(yaml.out());
    JsonNode fromApi = tenant.viewer().get("/v1/" + tenant.projectId() + "/resourceflavors").body();
    assertEquals(fromApi, fromYaml);
  }

  static String header(QmCli.Run run) {
    return run.out().lines().findFirst().orElseThrow();
  }

  static List<String> words(String line) {
    return List.of(line.strip().split("\\s+"));
  }

  static String line(String text, String containing) {
    return text.lines()
        .filter(l -> l.contains(containing))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line with " + containing + " in\n" + text));
  }

  private static String lastWord(String text) {
    String[] words = text.strip().split("\\s+");
    return words[words.length - 1];
  }
}
