package io.quartermaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.QmCli;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every class of failure ends in its own exit status, with one line on standard error that names
 * the service's error code and request id, and leaves the service as it was.
 */
class ErrorClassesTest {

  private final TestServer server = TestServer.get();

  @TempDir Path home;

  @Test
  void anUnknownPoolIsExit4WithTheServicesCodeAndRequestId() {
    Tenant tenant = server.newTenant();
    QmCli qm = QmCli.of(home).login(tenant.viewerName(), Tenant.PASSWORD, tenant.projectName());

    QmCli.Run show = qm.run("pools", "show", "pool-nowhere");

    assertEquals(ExitCodes.NOT_FOUND, show.exit(), show.toString());
    assertEquals("", show.out());
    assertEquals(1, show.err().lines().count(), show.err());
    assertTrue(
        show.err().startsWith("qm: Pool pool-nowhere-" + tenant.projectId() + " not found."),
        show.err());
    assertTrue(
        show.err().matches("(?s).*\\(ModelArts\\.50015001, request [0-9a-f-]{36}\\)\\n"),
        show.err());
    assertEquals(ExitCodes.NOT_FOUND, qm.run("orders", "list", "--pool", "pool-nowhere").exit());
    assertEquals(ExitCodes.NOT_FOUND, qm.run("orders", "watch", "order.pool-nowhere-abcde").exit());
  }

  @Test
  void anOrderInProgressIsAConflictWithExit5AndChangesNothing() {
    Tenant tenant = server.newTenant();
    QmCli qm = QmCli.of(home).login(tenant.memberName(), Tenant.PASSWORD, tenant.projectName());
    String pool = Pools.uniqueName();
    QmCli.Run create =
        qm.run(
            "pools",
            "create",
            pool,
            "--flavor",
            Pools.CPU,
            "--count",
            "1",
            "--billing",
            "yearly",
            "--period",
            "3m");
    assertEquals(0, create.exit(), create.toString());
    assertTrue(create.out().contains("waiting for payment"), create.out());

    QmCli.Run scale = qm.run("pools", "scale", pool, "--count", "3");

    assertEquals(ExitCodes.CONFLICT, scale.exit(), scale.toString());
    assertTrue(scale.err().contains("has an order in progress"), scale.err());
    assertTrue(scale.err().contains("ModelArts.50015002"), scale.err());
    JsonNode spec =
        tenant
            .viewer()
            .get("/v2/" + tenant.projectId() + "/pools/" + Pools.poolName(pool, tenant.projectId()))
            .body();
    assertEquals(1, spec.at("/spec/resources/0/count").asInt(), "the pool keeps its count");
    assertEquals(
        1, qm.run("orders", "list", "--pool", pool, "-o", "csv").out().lines().count() - 1);
  }

  @Test
  void anOrderThatFailsEndsTheWaitWithExit1AndItsReason() {
    Tenant tenant = server.newTenant();
    QmCli qm = QmCli.of(home).login(tenant.memberName(), Tenant.PASSWORD, tenant.projectName());
    String pool = Pools.uniqueName();
    qm.run(
        "pools",
        "create",
        pool,
        "--flavor",
        Pools.CPU,
        "--count",
        "1",
        "--billing",
        "yearly",
        "--period",
        "1y");
    String order =
        tenant
            .viewer()
            .get("/v1/" + tenant.projectId() + "/orders?involvedName=" + pool)
            .body()
            .at("/items/0/orderName")
            .asText();

    QmCli.Run timedOut = qm.run("orders", "watch", order, "--timeout", "1s");
    assertEquals(ExitCodes.TIMEOUT, timedOut.exit(), timedOut.toString());
    assertTrue(timedOut.out().contains("waiting for payment"), timedOut.out());
    assertTrue(
        timedOut.err().contains("gave up waiting for order " + order + ": it is still pending"),
        timedOut.err());

    QmCli.Run cancel = qm.run("cancel", order);
    assertEquals(0, cancel.exit(), cancel.toString());
    assertEquals("order " + order + " cancelled; it is failed\n", cancel.out());

    QmCli.Run watch = qm.run("orders", "watch", order);
    assertEquals(ExitCodes.ORDER_FAILED, watch.exit(), watch.toString());
    assertEquals(
        "qm: order " + order + " failed: Cancelled by " + tenant.memberName() + ".\n", watch.err());

    QmCli.Run again = qm.run("cancel", order);
    assertEquals(ExitCodes.CONFLICT, again.exit(), again.toString());
  }

  @Test
  void aBadCommandLineIsExit2AndNamesTheHelpToRead() {
    Tenant tenant = server.newTenant();
    QmCli qm = QmCli.of(home).login(tenant.memberName(), Tenant.PASSWORD, tenant.projectName());

    QmCli.Run missing = qm.run("pools", "create", "pool-incomplete", "--flavor", Pools.CPU);
    assertEquals(ExitCodes.USAGE, missing.exit(), missing.toString());
    assertTrue(missing.err().contains("Missing required option: '--count=N'"), missing.err());
    assertTrue(
        missing.err().strip().endsWith("Run 'qm help pools create' for usage."), missing.err());

    QmCli.Run since = qm.run("orders", "list", "--since", "last tuesday");
    assertEquals(ExitCodes.USAGE, since.exit(), since.toString());
    assertTrue(since.err().contains("--since last tuesday is neither a duration"), since.err());

    QmCli.Run period =
        qm.run(
            "pools",
            "create",
            "pool-yearly",
            "--flavor",
            Pools.CPU,
            "--count",
            "1",
            "--billing",
            "yearly");
    assertEquals(ExitCodes.USAGE, period.exit(), period.toString());

    QmCli.Run unknown = qm.run("pool", "list");
    assertEquals(ExitCodes.USAGE, unknown.exit(), unknown.toString());
    assertTrue(unknown.err().contains("pools"), "suggests the command meant: " + unknown.err());

    QmCli.Run group = qm.run("orders");
    assertEquals(ExitCodes.USAGE, group.exit(), group.toString());
    assertTrue(group.err().contains("Usage: qm orders"), group.err());

    assertEquals(0, qm.run("pools", "list", "-o", "json").exit());
    assertEquals(
        "{\"apiVersion\":\"v2\",\"kind\":\"PoolList\",\"items\":[]}",
        qm.run("pools", "list", "-o", "json").out().strip(),
        "nothing was created");
  }

  @Test
  void inputTheServiceRefusesIsExit2WithItsMessage() {
    Tenant tenant = server.newTenant();
    QmCli qm = QmCli.of(home).login(tenant.memberName(), Tenant.PASSWORD, tenant.projectName());

    QmCli.Run create = qm.run("pools", "create", "Bad_Name", "--flavor", Pools.CPU, "--count", "1");

    assertEquals(ExitCodes.USAGE, create.exit(), create.toString());
    assertTrue(create.err().startsWith("qm: Bad request: "), create.err());
    assertTrue(create.err().contains("ModelArts.50004000"), create.err());
    assertEquals("No pools found.\n", qm.run("pools", "list").err());
  }

  @Test
  void aRoleTooLowIsExit3() {
    Tenant tenant = server.newTenant();
    QmCli qm = QmCli.of(home).login(tenant.viewerName(), Tenant.PASSWORD, tenant.projectName());

    QmCli.Run create =
        qm.run("pools", "create", Pools.uniqueName(), "--flavor", Pools.CPU, "--count", "1");

    assertEquals(ExitCodes.AUTH, create.exit(), create.toString());
    assertTrue(create.err().contains("ModelArts.0108"), create.err());
    assertEquals(ExitCodes.AUTH, qm.run("users", "list").exit());
  }
}
