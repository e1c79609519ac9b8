package io.quartermaster.app;

import static io.quartermaster.testing.DataDirPostgres.jdbi;
import static io.quartermaster.testing.DataDirPostgres.leftRunning;
import static io.quartermaster.testing.DataDirPostgres.running;
import static io.quartermaster.testing.ServiceProcess.freePort;
import static io.quartermaster.testing.ServiceProcess.health;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.testing.ServiceProcess;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code qm serve} as a process: port, data directory, embedded PostgreSQL, persistence. */
class ServeIT {

  @TempDir Path tmp;

  private final List<ServiceProcess> processes = new ArrayList<>();

  @AfterEach
  void stopEverything() {
    ServiceProcess.closeAll(processes);
  }

  private ServiceProcess track(ServiceProcess process) {
    processes.add(process);
    return process;
  }

  @Test
  void servesHealthOnTheGivenPortAndKeepsItsDataAcrossARestart() {
    Path data = tmp.resolve("data");
    int port = freePort();
    ServiceProcess first = track(ServiceProcess.serve(port, data)).awaitHealthy(port);
    assertTrue(first.stdout().contains("listening on http://localhost:" + port), first.stdout());
    Jdbi db = jdbi(data);
    int migrations = appliedMigrations(db);
    assertTrue(migrations >= 2, "migrations applied: " + migrations);
    db.useHandle(
        h -> {
          h.execute("create table restart_probe (note text)");
          h.execute("insert into restart_probe values ('written before the restart')");
        });
    first.stop();

    ServiceProcess second = track(ServiceProcess.serve(port, data)).awaitHealthy(port);
    Jdbi again = jdbi(data);
    assertEquals(
        "written before the restart",
        again.withHandle(
            h -> h.createQuery("select note from restart_probe").mapTo(String.class).one()));
    assertEquals(migrations, appliedMigrations(again), "a restart applies no migration twice");
    assertEquals(200, health(port));
    second.stop();
  }

  @Test
  void theEmbeddedPostgresRunsWithFsyncAndSynchronousCommit() {
    Path data = tmp.resolve("data");
    int port = freePort();
    track(ServiceProcess.serve(port, data)).awaitHealthy(port);
    Jdbi db = jdbi(data);
    // zonky puts -F (fsync off) on the command line; the service's -c settings must win.
    assertEquals("on", show(db, "fsync"));
    assertEquals("on", show(db, "synchronous_commit"));
    assertEquals("on", show(db, "full_page_writes"));
  }

  @Test
  void portAndDataDirComeFromTheEnvironment() {
    int port = freePort();
    Path data = tmp.resolve("from-env");
    Map<String, String> env = Map.of("QM_PORT", "" + port, "QM_DATA_DIR", data.toString());
    track(ServiceProcess.start(ServiceProcess.jar("serve"), env, data)).awaitHealthy(port);
    assertTrue(Files.isDirectory(data.resolve("postgres")));
    assertEquals(1, running(data).size());
  }

  @Test
  void commandLineOptionsWinOverTheEnvironment() {
    int envPort = freePort();
    int optionPort = freePort();
    Path envData = tmp.resolve("from-env");
    Path optionData = tmp.resolve("from-option");
    Map<String, String> env = new HashMap<>();
    env.put("QM_PORT", "" + envPort);
    env.put("QM_DATA_DIR", envData.toString());
    List<String> command =
        ServiceProcess.jar("serve", "--port", "" + optionPort, "--data-dir", optionData.toString());
    track(ServiceProcess.start(command, env, envData)).awaitHealthy(optionPort);
    assertEquals(-1, health(envPort), "nothing listens on QM_PORT");
    assertTrue(Files.isDirectory(optionData.resolve("postgres")));
    assertFalse(Files.exists(envData), "QM_DATA_DIR is not touched");
  }

  @Test
  void aTakenPortFailsTheStartClearlyAndLeavesNoPostgres() throws Exception {
    Path data = tmp.resolve("data");
    try (ServerSocket taken = new ServerSocket(0)) {
      int port = taken.getLocalPort();
      ServiceProcess process = track(ServiceProcess.serve(port, data));
      assertEquals(2, process.awaitExit(ServiceProcess.START_TIMEOUT));
      assertTrue(process.stderr().contains("cannot listen on 0.0.0.0:" + port), process.stderr());
      assertEquals(List.of(), leftRunning(data));
    }
  }

  @Test
  void aSettingItCannotUseStopsTheStartAndIsNamed() {
    Path data = tmp.resolve("data");
    Map<String, String> env = Map.of("QM_PORT", "eighty", "QM_DATA_DIR", data.toString());
    ServiceProcess process = track(ServiceProcess.start(ServiceProcess.jar("serve"), env, data));
    assertEquals(2, process.awaitExit(Duration.ofSeconds(30)));
    assertTrue(process.stderr().contains("QM_PORT must be an integer, not 'eighty'"));
    assertFalse(Files.exists(data), "nothing was started");
  }

  @Test
  void anUnreachableExternalDatabaseStopsTheStartWithWhereAndWhy() {
    int closed = ServiceProcess.freePort();
    Map<String, String> env =
        Map.of(
            "QM_DATABASE_URL",
            "jdbc:postgresql://127.0.0.1:" + closed + "/quartermaster?password=x",
            "QM_DATABASE_USER",
            "quartermaster");
    ServiceProcess process = track(ServiceProcess.start(ServiceProcess.jar("serve"), env));
    assertEquals(2, process.awaitExit(Duration.ofSeconds(60)));
    String stderr = process.stderr();
    assertTrue(
        stderr.contains(
            "qm serve: cannot connect to the database at jdbc:postgresql://127.0.0.1:"
                + closed
                + "/quartermaster as quartermaster: "),
        stderr);
    assertFalse(stderr.contains("password=x"), "the URL's parameters are not shown");
  }

  private static int appliedMigrations(Jdbi db) {
    return db.withHandle(
        h ->
            h.createQuery("select count(*) from flyway_schema_history where success")
                .mapTo(Integer.class)
                .one());
  }

  private static String show(Jdbi db, String setting) {
    return db.withHandle(h -> h.createQuery("show " + setting).mapTo(String.class).one());
  }
}
