package io.quartermaster.app;

import static io.quartermaster.testing.DataDirPostgres.jdbcUrl;
import static io.quartermaster.testing.DataDirPostgres.jdbi;
import static io.quartermaster.testing.DataDirPostgres.leftRunning;
import static io.quartermaster.testing.DataDirPostgres.running;
import static io.quartermaster.testing.ServiceProcess.freePort;
import static io.quartermaster.testing.ServiceProcess.health;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quartermaster.testing.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One instance per data directory, clean stops on SIGTERM, recovery after {@code kill -9}. */
class LifecycleIT {

  /** The JVM's exit code after SIGTERM when its shutdown hooks finished (128 + 15). */
  private static final int SIGTERM_EXIT = 143;

  @TempDir Path tmp;

  private final List<ServiceProcess> processes = new ArrayList<>();

  @AfterEach
  void stopEverything() {
    ServiceProcess.closeAll(processes);
  }

  private ServiceProcess serve(int port, Path data) {
    ServiceProcess process = ServiceProcess.serve(port, data);
    processes.add(process);
    return process;
  }

  @Test
  void aSecondInstanceOnALiveDataDirExitsAndNamesTheDirectory() throws Exception {
    Path data = tmp.resolve("data");
    int port = freePort();
    serve(port, data).awaitHealthy(port);

    int secondPort = freePort();
    ServiceProcess second = serve(secondPort, data);
    assertEquals(2, second.awaitExit(Duration.ofSeconds(30)));
    String stderr = second.stderr();
    assertTrue(stderr.contains(data.toRealPath().toString()), stderr);
    assertTrue(stderr.contains("in use by another Quartermaster instance"), stderr);
    assertEquals(-1, health(secondPort));
    assertEquals(200, health(port), "the first instance keeps serving");
    assertEquals(1, running(data).size());
  }

  @Test
  void sigtermStopsTheServiceAndItsPostgresAndReleasesTheDirectory() {
    Path data = tmp.resolve("data");
    int port = freePort();
    ServiceProcess service = serve(port, data).awaitHealthy(port);
    assertEquals(1, running(data).size());

    Instant sent = Instant.now();
    assertEquals(SIGTERM_EXIT, service.stop());
    Duration took = Duration.between(sent, Instant.now());
    assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "stopped in " + took);
    assertEquals(List.of(), leftRunning(data));
    assertFalse(Files.exists(data.resolve("postgres").resolve("postmaster.pid")));

    serve(port, data).awaitHealthy(port);
  }

  @Test
  void sigtermWhileTheDatabaseStartsStillStopsIt() {
    Path data = tmp.resolve("data");
    int port = freePort();
    ServiceProcess service = serve(port, data);
    // The server itself, not initdb's short-lived postgres: its command line names the directory.
    Instant deadline = Instant.now().plus(ServiceProcess.START_TIMEOUT);
    while (running(data).isEmpty() && Instant.now().isBefore(deadline)) {
      ServiceProcess.sleep(Duration.ofMillis(20));
    }
    assertEquals(1, running(data).size(), "PostgreSQL started");
    assumeTrue(health(port) == -1, "the start was over before the signal could interrupt it");

    service.stop();
    assertEquals(List.of(), leftRunning(data));
  }

  @Test
  void afterKillMinus9TheNextStartStopsTheOrphanAndTheDataIsIntact() throws Exception {
    Path data = tmp.resolve("data");
    int port = freePort();
    ServiceProcess crashed = serve(port, data).awaitHealthy(port);
    jdbi(data)
        .useHandle(
            h -> {
              h.execute("create table crash_probe (note text)");
              h.execute("insert into crash_probe values ('committed before the crash')");
            });
    List<ProcessHandle> before = running(data);
    assertEquals(1, before.size());
    ProcessHandle orphan = before.get(0);

    crashed.kill();
    assertTrue(orphan.isAlive(), "PostgreSQL outlives a kill -9 of the JVM");
    // A session still open on the orphan (an operator's psql, say) must not block the restart.
    try (Connection session = DriverManager.getConnection(jdbcUrl(data), "postgres", "")) {
      ServiceProcess restarted = serve(port, data).awaitHealthy(port);
      assertFalse(orphan.isAlive(), "the orphan was stopped");
      String log = restarted.stdout() + restarted.stderr();
      assertTrue(log.contains("left running on"), log);
      assertFalse(session.isValid(2), "the orphan's sessions were ended");
    }

    List<ProcessHandle> after = running(data);
    assertEquals(1, after.size());
    assertNotEquals(orphan.pid(), after.get(0).pid());
    Jdbi db = jdbi(data);
    assertEquals(
        "committed before the crash",
        db.withHandle(
            h -> h.createQuery("select note from crash_probe").mapTo(String.class).one()));
  }
}
