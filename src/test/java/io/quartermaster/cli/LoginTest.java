package io.quartermaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.testing.QmCli;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code qm login}, {@code whoami}, {@code logout} and the config file they keep. */
class LoginTest {

  private final TestServer server = TestServer.get();

  @TempDir Path home;

  @Test
  void loginWithThePasswordOnStdinStoresATokenInAnOwnerOnlyConfigFile() throws Exception {
    Tenant tenant = server.newTenant();
    QmCli qm = QmCli.of(home);

    QmCli.Run login =
        qm.runWithInput(
            Tenant.PASSWORD + "\n",
            "login",
            "--user",
            tenant.memberName(),
            "--project",
            tenant.projectName(),
            "--password-stdin");

    assertEquals(0, login.exit(), login.toString());
    assertTrue(login.out().contains("as " + tenant.memberName()), login.out());
    assertTrue(login.out().contains("member in project " + tenant.projectName()), login.out());
    assertFalse(login.out().contains(Tenant.PASSWORD), "the password is never printed");
    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(qm.configFile())));
    assertEquals(
        "rwx------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(qm.configFile().getParent())));
    JsonNode config = ClientJson.mapper().readTree(qm.config());
    JsonNode profile = config.at("/profiles/default");
    assertEquals("default", config.path("current").asText());
    assertEquals(tenant.projectId(), profile.path("projectId").asText());
    assertTrue(profile.path("token").asText().length() >= 43, "a token of 256 bits or more");
    String token = profile.path("token").asText();

    QmCli.Run whoami = qm.run("whoami");
    assertEquals(0, whoami.exit(), whoami.toString());
    assertTrue(whoami.out().contains(tenant.memberName()), whoami.out());
    assertTrue(whoami.out().contains(tenant.projectId()), whoami.out());
    assertFalse(whoami.out().contains(token), "the token is never printed");

    QmCli.Run json = qm.run("whoami", "-o", "json");
    JsonNode me = ClientJson.mapper().readTree(json.out());
    assertEquals("member", me.path("role").asText());
    assertFalse(json.out().contains(token), json.out());
  }

  @Test
  void aWrongPasswordIsRefusedWithExit3AndStoresNothing() {
    Tenant tenant = server.newTenant();
    QmCli qm = QmCli.of(home);

    QmCli.Run login =
        qm.runWithInput(
            "not-the-password\n",
            "login",
            "--user",
            tenant.memberName(),
            "--project",
            tenant.projectName(),
            "--password-stdin");

    assertEquals(ExitCodes.AUTH, login.exit(), login.toString());
    assertEquals("", login.out());
    assertTrue(login.err().startsWith("qm: login of " + tenant.memberName()), login.err());
    assertTrue(login.err().contains("refused"), login.err());
    assertEquals(1, login.err().lines().count(), "one line: " + login.err());
    assertFalse(Files.exists(qm.configFile()), "a refused login stores nothing");
  }

  @Test
  void aTokenTheServiceCallsExpiredSaysRunQmLogin() {
    Tenant tenant = server.newTenant();
    QmCli qm = QmCli.of(home).login(tenant.memberName(), Tenant.PASSWORD, tenant.projectName());
    server
        .jdbi()
        .useHandle(
            h ->
                h.createUpdate(
                        "update tokens set expires_at = now() - interval '1 minute'"
                            + " where user_id = (select id from users where name = :name)")
                    .bind("name", tenant.memberName())
                    .execute());

    QmCli.Run list = qm.run("pools", "list");

    assertEquals(ExitCodes.AUTH, list.exit(), list.toString());
    assertTrue(list.err().contains("token has expired"), list.err());
    assertTrue(list.err().strip().endsWith("run qm login"), list.err());
    assertTrue(list.err().contains("ModelArts.50001000"), list.err());
  }

  @Test
  void aTokenPastItsExpiryIsNotEvenSent() throws Exception {
    Tenant tenant = server.newTenant();
    QmCli qm = QmCli.of(home).login(tenant.memberName(), Tenant.PASSWORD, tenant.projectName());
    Files.writeString(
        qm.configFile(),
        qm.config()
            .replaceAll(
                "\"tokenExpiresAt\" : \"[^\"]+\"",
                "\"tokenExpiresAt\" : \"2020-01-01T00:00:00Z\""));

    QmCli.Run list = qm.withEnv("QM_ENDPOINT", "http://127.0.0.1:1").run("orders", "list");

    assertEquals(ExitCodes.AUTH, list.exit(), list.toString());
    assertEquals(
        "qm: the token of profile default expired at 2020-01-01T00:00:00Z; run qm login\n",
        list.err());
  }

  @Test
  void withoutALoginEveryCommandSaysRunQmLogin() {
    QmCli.Run list = QmCli.of(home).run("pools", "list");

    assertEquals(ExitCodes.AUTH, list.exit(), list.toString());
    assertEquals("qm: not logged in (profile default); run qm login\n", list.err());
  }

  @Test
  void loggingInAgainNeedsOnlyThePasswordAndLogoutDropsTheToken() throws Exception {
    Tenant tenant = server.newTenant();
    QmCli qm = QmCli.of(home).login(tenant.memberName(), Tenant.PASSWORD, tenant.projectName());

    QmCli.Run again = qm.runWithInput(Tenant.PASSWORD + "\n", "login", "--password-stdin");
    assertEquals(0, again.exit(), again.toString());
    assertTrue(again.out().contains(tenant.projectName()), again.out());

    String token = ClientJson.mapper().readTree(qm.config()).at("/profiles/default/token").asText();
    QmCli.Run logout = qm.run("logout");
    assertEquals(0, logout.exit(), logout.toString());
    assertEquals("Logged out of profile default; its token is revoked.\n", logout.out());
    assertEquals(
        401,
        server.client().withToken(token).get("/v1/" + tenant.projectId() + "/orders").status(),
        "a copy of the token is refused");
    JsonNode profile = ClientJson.mapper().readTree(qm.config()).at("/profiles/default");
    assertTrue(profile.path("token").isMissingNode(), qm.config());
    assertEquals(tenant.memberName(), profile.path("userName").asText());
    assertEquals(ExitCodes.AUTH, qm.run("pools", "list").exit());
  }

  @Test
  void logoutFromAnUnreachableServiceStillDropsTheTokenAndSaysItWasNotRevoked() throws Exception {
    Tenant tenant = server.newTenant();
    QmCli qm = QmCli.of(home).login(tenant.memberName(), Tenant.PASSWORD, tenant.projectName());

    QmCli.Run logout = qm.withEnv("QM_ENDPOINT", "http://127.0.0.1:1").run("logout");

    assertEquals(0, logout.exit(), logout.toString());
    assertTrue(logout.out().contains("could not be told to revoke its token"), logout.out());
    assertTrue(logout.out().contains("it lapses at"), logout.out());
    assertTrue(
        ClientJson.mapper().readTree(qm.config()).at("/profiles/default/token").isMissingNode());
  }

  @Test
  void profilesKeepSeveralLoginsApart() throws Exception {
    Tenant tenant = server.newTenant();
    QmCli qm = QmCli.of(home).login(tenant.memberName(), Tenant.PASSWORD, tenant.projectName());
    QmCli.Run viewer =
        qm.runWithInput(
            Tenant.PASSWORD + "\n",
            "login",
            "--profile",
            "reader",
            "--user",
            tenant.viewerName(),
            "--project",
            tenant.projectName(),
            "--password-stdin");
    assertEquals(0, viewer.exit(), viewer.toString());

    assertTrue(qm.run("whoami").out().contains(tenant.memberName()));
    assertTrue(
        qm.withEnv("QM_PROFILE", "reader").run("whoami").out().contains(tenant.viewerName()));
    QmCli.Run profiles = qm.run("profiles");
    assertTrue(profiles.out().contains("reader"), profiles.out());
    assertTrue(
        profiles.out().lines().anyMatch(l -> l.startsWith("*") && l.contains("default")),
        profiles.out());

    assertEquals(0, qm.run("profiles", "use", "reader").exit());
    assertTrue(qm.run("whoami").out().contains(tenant.viewerName()));
    QmCli.Run missing = qm.run("profiles", "use", "nope");
    assertEquals(ExitCodes.NOT_FOUND, missing.exit(), missing.toString());
  }

  @Test
  void aServiceThatIsDownIsOneLineNamingTheEndpoint() {
    Tenant tenant = server.newTenant();
    QmCli qm = QmCli.of(home).login(tenant.memberName(), Tenant.PASSWORD, tenant.projectName());
    int port = io.quartermaster.testing.ServiceProcess.freePort();

    QmCli.Run list = qm.withEnv("QM_ENDPOINT", "http://127.0.0.1:" + port).run("orders", "list");

    assertEquals(ExitCodes.SERVER, list.exit(), list.toString());
    assertEquals(
        "qm: cannot reach Quartermaster at http://127.0.0.1:" + port + ": connection refused\n",
        list.err());
    assertEquals("", list.out());
  }
}
