package io.quartermaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.testing.QmCli;
import io.quartermaster.testing.TestServer;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code qm projects}, {@code users} and {@code roles}: an admin onboards a team. */
class AdminCommandsTest {

  @TempDir Path admin;
  @TempDir Path member;

  @Test
  void anAdminCreatesAProjectAndAUserAndGrantsARole() {
    QmCli qm = QmCli.of(admin).login("admin", TestServer.ADMIN_PASSWORD, "default");
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String project = "team-" + suffix;
    String user = "bob-" + suffix;

    QmCli.Run newProject = qm.run("projects", "create", project, "--description", "a team");
    assertEquals(0, newProject.exit(), newProject.toString());
    assertTrue(
        newProject.out().matches("project " + project + " created: [0-9a-f]{32}\\n"),
        newProject.out());
    assertEquals(ExitCodes.CONFLICT, qm.run("projects", "create", project).exit());

    QmCli.Run newUser =
        qm.runWithInput("bob-password-1\n", "users", "create", user, "--password-stdin");
    assertEquals(0, newUser.exit(), newUser.toString());
    QmCli.Run grant = qm.run("roles", "grant", "member", "--user", user, "--project", project);
    assertEquals(0, grant.exit(), grant.toString());
    assertEquals("role member granted to " + user + " in project " + project + "\n", grant.out());
    QmCli.Run roles = qm.run("roles", "list", "--user", user, "--project", project, "-o", "csv");
    assertEquals("name\nmember\n", roles.out().replace("ROLE", "name"));

    QmCli bob = QmCli.of(member).login(user, "bob-password-1", project);
    assertEquals(0, bob.run("pools", "list").exit());
    assertEquals(ExitCodes.AUTH, bob.run("users", "list").exit(), "not an admin");

    assertTrue(PoolWorkflowTest.line(qm.run("projects", "list").out(), project).contains("a team"));
    assertTrue(PoolWorkflowTest.line(qm.run("users", "list").out(), user).contains("true"));

    assertEquals(0, qm.run("users", "disable", user).exit());
    QmCli.Run refused = bob.run("pools", "list");
    assertEquals(ExitCodes.AUTH, refused.exit(), refused.toString());
    assertEquals(ExitCodes.NOT_FOUND, qm.run("users", "disable", "nobody-" + suffix).exit());

    assertEquals(
        0, qm.run("roles", "revoke", "member", "--user", user, "--project", project).exit());
    assertEquals(0, qm.run("users", "delete", user).exit());
    assertEquals(ExitCodes.NOT_FOUND, qm.run("users", "delete", user).exit());
  }
}
