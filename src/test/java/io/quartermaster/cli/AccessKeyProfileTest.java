package io.quartermaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.testing.Pools;
import io.quartermaster.testing.QmCli;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An access-key profile: every request signed as the official SDKs sign it, reads with query
 * strings and writes with JSON and merge-patch bodies alike; the secret printed once, at creation.
 */
class AccessKeyProfileTest {

  private final TestServer server = TestServer.get();

  @TempDir Path home;

  @Test
  void aKeyMadeWithQmKeysCreateSignsEveryRequest() throws Exception {
    Tenant tenant = server.newTenant();
    QmCli qm = QmCli.of(home).login(tenant.memberName(), Tenant.PASSWORD, tenant.projectName());
    List<QmCli.Run> runs = new ArrayList<>();

    QmCli.Run created = qm.run("keys", "create", "--description", "pipeline");
    assertEquals(0, created.exit(), created.toString());
    String ak = PoolWorkflowTest.line(created.out(), "Access key:").split("\\s+")[2];
    String sk = PoolWorkflowTest.line(created.out(), "Secret key:").split("\\s+")[2];
    assertTrue(created.err().contains("never shows it again"), created.err());

    QmCli.Run login =
        qm.runWithInput(
            sk + "\n",
            "login",
            "--profile",
            "ci",
            "--access-key",
            ak,
            "--project",
            tenant.projectId(),
            "--secret-key-stdin");
    runs.add(login);
    assertEquals(0, login.exit(), login.toString());
    assertTrue(login.out().contains("with access key " + ak), login.out());
    assertTrue(qm.config().contains(sk), "the secret is kept in the owner-only config file");
    QmCli ci = qm.withEnv("QM_PROFILE", "ci");

    String pool = Pools.uniqueName();
    QmCli.Run create =
        ci.run("pools", "create", pool, "--flavor", Pools.CPU, "--count", "1", "--wait");
    runs.add(create);
    assertEquals(0, create.exit(), create.toString());
    QmCli.Run scale = ci.run("pools", "scale", pool, "--count", "2");
    runs.add(scale);
    assertEquals(0, scale.exit(), scale.toString());
    QmCli.Run list =
        ci.run("orders", "list", "--pool", pool, "--phase", "successed", "--since", "1h");
    runs.add(list);
    assertEquals(0, list.exit(), list.toString());
    assertTrue(
        list.out().contains(tenant.memberName()), "orders placed by the key's user: " + list.out());
    QmCli.Run whoami = ci.run("whoami");
    runs.add(whoami);
    assertTrue(whoami.out().contains("access key " + ak), whoami.out());
    runs.add(ci.run("profiles"));
    runs.add(qm.run("keys", "list"));
    assertTrue(runs.get(runs.size() - 1).out().contains(ak));

    QmCli.Run keys = ci.run("keys", "list");
    assertEquals(ExitCodes.AUTH, keys.exit(), keys.toString());
    assertTrue(keys.err().contains("needs a password login"), keys.err());

    for (QmCli.Run run : runs) {
      assertFalse(
          run.out().contains(sk) || run.err().contains(sk),
          "the secret is never printed again: " + run);
    }
  }

  @Test
  void aWrongSecretIsRefusedAndNothingIsStored() throws Exception {
    Tenant tenant = server.newTenant();
    QmCli qm = QmCli.of(home).login(tenant.memberName(), Tenant.PASSWORD, tenant.projectName());
    String ak =
        PoolWorkflowTest.line(qm.run("keys", "create").out(), "Access key:").split("\\s+")[2];
    String before = qm.config();

    QmCli.Run login =
        qm.runWithInput(
            "not-the-secret\n",
            "login",
            "--profile",
            "ci",
            "--access-key",
            ak,
            "--project",
            tenant.projectId(),
            "--password-stdin");

    assertEquals(ExitCodes.AUTH, login.exit(), login.toString());
    assertTrue(login.err().contains("signature mismatch"), login.err());
    assertEquals(before, Files.readString(qm.configFile()));

    QmCli.Run byName =
        qm.runWithInput(
            "x\n",
            "login",
            "--access-key",
            ak,
            "--project",
            tenant.projectName(),
            "--password-stdin");
    assertEquals(ExitCodes.USAGE, byName.exit(), byName.toString());
    assertTrue(byName.err().contains("takes the project's id"), byName.err());
  }
}
