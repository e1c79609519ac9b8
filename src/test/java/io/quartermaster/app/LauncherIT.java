package io.quartermaster.app;

import static io.quartermaster.testing.DataDirPostgres.leftRunning;
import static io.quartermaster.testing.ServiceProcess.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quartermaster.testing.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code qm} launcher: finding a JDK, passing arguments through, handing signals on. */
class LauncherIT {

  /** The machine's default JDK, too old for the service: the launcher must look past it. */
  private static final Path JDK_17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");

  @TempDir Path tmp;

  private static List<String> qm(String... args) {
    List<String> command = new ArrayList<>();
    command.add(ServiceProcess.root().resolve("qm").toString());
    command.addAll(List.of(args));
    return command;
  }

  @Test
  void skipsAJavaHomeOlderThan21ForTheNewestJdkInstalled() {
    assumeTrue(Files.isDirectory(JDK_17), "this machine has no JDK 17 to skip");
    Map<String, String> env =
        Map.of("JAVA_HOME", JDK_17.toString(), "QM_JAVA_OPTS", "-XshowSettings:properties");
    try (ServiceProcess launcher = ServiceProcess.start(qm("--version"), env)) {
      assertEquals(0, launcher.awaitExit(Duration.ofSeconds(60)), launcher.stderr());
      assertTrue(launcher.stdout().contains("Quartermaster"), launcher.stdout());
      String settings = launcher.stderr();
      Matcher version =
          Pattern.compile("java\\.specification\\.version = (\\d+)").matcher(settings);
      assertTrue(version.find(), settings);
      assertTrue(Integer.parseInt(version.group(1)) >= 21, "ran on Java " + version.group(1));
      assertTrue(!settings.contains("java.home = " + JDK_17), settings);
    }
  }

  @Test
  void saysSoClearlyWhenNoJdk21OrNewerExists() throws IOException {
    Path jvms = Files.createDirectories(tmp.resolve("jvm"));
    fakeJdk(jvms.resolve("old-jdk"), "echo '    java.specification.version = 17' >&2");
    fakeJdk(jvms.resolve("broken-jdk"), "exit 1");
    Map<String, String> env = new HashMap<>();
    env.put("JAVA_HOME", jvms.resolve("old-jdk").toString());
    env.put("QM_JVM_DIR", jvms.toString());
    try (ServiceProcess launcher = ServiceProcess.start(qm("serve", "--help"), env)) {
      assertEquals(1, launcher.awaitExit(Duration.ofSeconds(30)));
      String stderr = launcher.stderr();
      assertTrue(stderr.contains("needs a JDK 21 or newer"), stderr);
      assertTrue(stderr.contains(jvms.toString()), stderr);
      assertEquals("", launcher.stdout());
    }
  }

  @Test
  void serveExecsTheJvmSoSigtermStopsItCleanly() {
    // A space in the path: the launcher must pass arguments through exactly.
    Path data = tmp.resolve("data dir");
    int port = freePort();
    Map<String, String> env = new HashMap<>();
    env.put("JAVA_HOME", Files.isDirectory(JDK_17) ? JDK_17.toString() : null);
    List<String> command = qm("serve", "--port", "" + port, "--data-dir", data.toString());
    try (ServiceProcess service = ServiceProcess.start(command, env)) {
      service.awaitHealthy(port);
      String running = service.handle().info().command().orElse("");
      assertTrue(
          running.endsWith("/bin/java"), "the launcher's process became the JVM: " + running);
      assertTrue(Files.isDirectory(data.resolve("postgres")));

      assertEquals(143, service.stop(), "SIGTERM reached the JVM and its hooks ran");
      assertEquals(List.of(), leftRunning(data));
    }
  }

  private static void fakeJdk(Path home, String javaBody) throws IOException {
    Path bin = Files.createDirectories(home.resolve("bin"));
    script(bin.resolve("java"), javaBody);
    script(bin.resolve("javac"), "exit 0");
  }

  private static void script(Path file, String body) throws IOException {
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
