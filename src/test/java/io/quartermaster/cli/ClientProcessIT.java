package io.quartermaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.testing.Pools;
import io.quartermaster.testing.ServiceProcess;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client as a user runs it: the {@code qm} launcher, a JVM of its own, the password on a pipe,
 * exit statuses as the shell sees them.
 */
class ClientProcessIT {

  private final TestServer server = TestServer.get();

  @TempDir Path home;

  /** What {@code ./qm args} printed and its exit status. */
  record Result(int exit, String out, String err) {}

  private Result qm(String stdin, Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(ServiceProcess.root().resolve("qm").toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("QM_"));
    builder.environment().put("XDG_CONFIG_HOME", home.toString());
    builder.environment().put("QM_ENDPOINT", server.baseUrl());
    builder.environment().putAll(env);
    Path out = home.resolve("out");
    Path err = home.resolve("err");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "qm " + String.join(" ", args) + " ended");
    return new Result(process.exitValue(), read(out), read(err));
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  @Test
  void theLauncherRunsClientCommandsWithTheirExitStatuses() throws Exception {
    // The first run after a build writes the client's class-data archive: still nothing extra.
    Files.deleteIfExists(ServiceProcess.root().resolve("target/qm-client.jsa"));
    Result flavors = qm("", Map.of(), "flavors", "-o", "json");
    assertEquals(ExitCodes.AUTH, flavors.exit());
    assertEquals("", flavors.out(), "not a byte but the answer on stdout");
    assertEquals("qm: not logged in (profile default); run qm login\n", flavors.err());
    Tenant tenant = server.newTenant();
    Result login =
        qm(
            Tenant.PASSWORD + "\n",
            Map.of(),
            "login",
            "--user",
            tenant.memberName(),
            "--project",
            tenant.projectName(),
            "--password-stdin");
    assertEquals(0, login.exit(), login.err());
    assertTrue(login.out().startsWith("Logged in to " + server.baseUrl()), login.out());
    assertEquals("", login.err(), "no warnings from the JVM or JLine");

    String pool = Pools.uniqueName();
    Result create =
        qm("", Map.of(), "pools", "create", pool, "--flavor", Pools.CPU, "--count", "1", "--wait");
    assertEquals(0, create.exit(), create.err());
    assertTrue(create.out().contains("successed in"), create.out());

    Result orders = qm("", Map.of(), "orders", "list", "--pool", pool, "-o", "json");
    assertEquals(0, orders.exit(), orders.err());
    assertTrue(orders.out().startsWith("{\"count\":1,"), orders.out());

    Result missing = qm("", Map.of(), "pools", "show", "pool-absent");
    assertEquals(ExitCodes.NOT_FOUND, missing.exit());
    assertTrue(missing.err().startsWith("qm: Pool pool-absent-"), missing.err());

    int port = ServiceProcess.freePort();
    Result down = qm("", Map.of("QM_ENDPOINT", "http://127.0.0.1:" + port), "pools", "list");
    assertEquals(ExitCodes.SERVER, down.exit());
    assertEquals(
        "qm: cannot reach Quartermaster at http://127.0.0.1:" + port + ": connection refused\n",
        down.err(),
        "one line, no stack trace");

    Result usage = qm("", Map.of(), "pools", "create");
    assertEquals(ExitCodes.USAGE, usage.exit());
  }
}
