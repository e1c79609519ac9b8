package io.quartermaster.app;

import static io.quartermaster.testing.DataDirPostgres.leftRunning;
import static io.quartermaster.testing.ServiceProcess.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quartermaster.testing.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
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

  /**
   * The service's memory defaults come from the launcher (BENCHMARKS.md, "Memory and start"), and
   * QM_JAVA_OPTS, which comes after them, overrides them. {@code -version} stops the JVM before the
   * service starts.
   */
  @Test
  void serveRunsTheJvmWithTheServiceDefaultsWhichQmJavaOptsOverrides() {
    Map<String, String> defaults = Map.of("QM_JAVA_OPTS", "-XshowSettings:vm -version");
    try (ServiceProcess launcher = ServiceProcess.start(qm("serve"), defaults)) {
      assertEquals(0, launcher.awaitExit(Duration.ofSeconds(60)), launcher.stderr());
      assertTrue(launcher.stderr().contains("Max. Heap Size: 192.00M"), launcher.stderr());
    }
    Map<String, String> bigger = Map.of("QM_JAVA_OPTS", "-Xmx320m -XshowSettings:vm -version");
    try (ServiceProcess launcher = ServiceProcess.start(qm("serve"), bigger)) {
      assertEquals(0, launcher.awaitExit(Duration.ofSeconds(60)), launcher.stderr());
      assertTrue(launcher.stderr().contains("Max. Heap Size: 320.00M"), launcher.stderr());
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

  /**
   * After a rebuild the class-data archive no longer matches the jar; the JVM runs without it but
   * does not replace it, so the launcher removes it and the server writes a fresh one as it stops.
   */
  @Test
  void aServerStartedAfterARebuildWritesAFreshClassDataArchive() throws IOException {
    Path jar = ServiceProcess.root().resolve("target/quartermaster.jar");
    Path archive = ServiceProcess.root().resolve("target/qm-serve.jsa");
    FileTime built = Files.getLastModifiedTime(jar);
    if (!Files.exists(archive)) {
      Files.writeString(archive, "an archive of an earlier build");
    }
    Files.setLastModifiedTime(archive, FileTime.fromMillis(built.toMillis() - 3_600_000));
    int port = freePort();
    List<String> command =
        qm("serve", "--port", "" + port, "--data-dir", tmp.resolve("data").toString());
    try (ServiceProcess service = ServiceProcess.start(command, Map.of())) {
      service.awaitHealthy(port);
      assertEquals(143, service.stop());
    }
    assertTrue(Files.exists(archive), "the server wrote an archive as it stopped");
    assertTrue(Files.getLastModifiedTime(archive).compareTo(built) > 0, "the archive is fresh");
    assertTrue(Files.size(archive) > 1_000_000, () -> "archive of " + archive.toFile().length());
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

  @Test
  void helpListsTheLaunchersCommandsThenTheServices() {
    try (ServiceProcess launcher = ServiceProcess.start(qm("--help"), Map.of())) {
      assertEquals(0, launcher.awaitExit(Duration.ofSeconds(60)), launcher.stderr());
      String help = launcher.stdout();
      for (String command : List.of("serve [--port N]", "test [maven options]", "build ")) {
        assertTrue(help.contains("\n  " + command), command + " in:\n" + help);
      }
      // The jar's own help follows, so that commands of the service show up without a change here.
      assertTrue(help.contains("Usage: qm [-hV] [COMMAND]"), help);
      assertTrue(help.matches("(?s).*\n  serve +Start the service.*"), help);
      assertTrue(help.matches("(?s).*\n  login +Log in.*"), "the client's commands too: " + help);
      assertFalse(help.contains("\u001b"), "no escape codes on a pipe: " + help);
    }
  }

  @Test
  void buildShowsOneLinePerStepAndMavensOutputOnlyWhenItFails() throws IOException {
    // A stand-in for Maven that prints what Maven prints in batch mode, so the launcher's
    // rendering is tested without rebuilding the jar the other process tests run.
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    script(
        bin.resolve("mvn"),
        """
        echo '[INFO] Scanning for projects...'
        i=0
        while [ $i -lt 100 ]; do
          echo "[INFO] Downloaded from central: https://repo.example/lib-$i.jar (1 kB at 9 kB/s)"
          i=$((i + 1))
        done
        echo '[INFO] --- maven-compiler-plugin:3.14.0:compile (default-compile) @ quartermaster ---'
        echo '[INFO] Compiling 150 source files'
        if [ -n "$FAIL_BUILD" ]; then
          echo '[ERROR] COMPILATION ERROR : Broken.java:[1,1] class, interface or enum expected'
          exit 1
        fi
        echo '[INFO] --- maven-jar-plugin:3.4.2:jar (default-jar) @ quartermaster ---'
        echo '[INFO] BUILD SUCCESS'
        """);
    Map<String, String> env = new HashMap<>();
    env.put("PATH", bin + ":" + System.getenv("PATH"));
    try (ServiceProcess built = ServiceProcess.start(qm("build"), env)) {
      assertEquals(0, built.awaitExit(Duration.ofSeconds(60)), built.stderr());
      assertEquals(
          List.of(
              "qm:   100 libraries downloaded",
              "qm:   compile (maven-compiler-plugin)",
              "qm:   jar (maven-jar-plugin)"),
          built.stderr().lines().filter(l -> l.startsWith("qm:   ")).toList(),
          built.stderr());
      assertTrue(
          built.stderr().startsWith("qm: building Quartermaster with Maven."), built.stderr());
      assertTrue(built.stderr().contains("one to two minutes"), built.stderr());
      assertTrue(built.stderr().matches("(?s).*qm: built in \\d+ s\\.\\n"), built.stderr());
      assertFalse(built.stderr().contains("[INFO]"), built.stderr());
      assertEquals("", built.stdout());
    }
    env.put("FAIL_BUILD", "1");
    try (ServiceProcess failed = ServiceProcess.start(qm("build"), env)) {
      assertEquals(1, failed.awaitExit(Duration.ofSeconds(60)), failed.stderr());
      assertTrue(failed.stderr().contains("qm: the build failed after"), failed.stderr());
      assertTrue(failed.stderr().contains("[INFO] Compiling 150 source files"), failed.stderr());
      assertTrue(failed.stderr().contains("[ERROR] COMPILATION ERROR"), failed.stderr());
    }
  }

  @Test
  void mavenPrintsNoEscapeCodesOnAPipe() {
    List<String> mvn =
        List.of(
            "mvn",
            "-B",
            "-q",
            "-o",
            "-f",
            ServiceProcess.root().resolve("pom.xml").toString(),
            "validate");
    try (ServiceProcess maven = ServiceProcess.start(mvn, Map.of())) {
      assertEquals(0, maven.awaitExit(Duration.ofSeconds(120)), maven.stdout() + maven.stderr());
      assertEquals("", maven.stdout() + maven.stderr());
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
