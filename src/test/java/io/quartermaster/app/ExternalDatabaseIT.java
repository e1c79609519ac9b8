package io.quartermaster.app;

import static io.quartermaster.testing.DataDirPostgres.running;
import static io.quartermaster.testing.ServiceProcess.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.testing.ServiceProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code QM_DATABASE_URL}: the service uses an existing PostgreSQL and starts none of its own. */
class ExternalDatabaseIT {

  @TempDir Path tmp;

  @Test
  void servesFromAnExternalDatabaseOwnedByAnOrdinaryRole() throws Exception {
    try (EmbeddedPostgres external = EmbeddedPostgres.builder().start()) {
      // The rights the README asks for: a login role that owns its database, nothing more.
      Jdbi admin = Jdbi.create(external.getJdbcUrl("postgres", "postgres"));
      admin.useHandle(
          h -> {
            h.execute("create role qm_service login password 'service-secret'");
            h.execute("create database quartermaster owner qm_service");
          });
      String url = "jdbc:postgresql://127.0.0.1:" + external.getPort() + "/quartermaster";
      Path data = tmp.resolve("data");
      int port = freePort();
      Map<String, String> env =
          Map.of(
              "QM_DATABASE_URL", url,
              "QM_DATABASE_USER", "qm_service",
              "QM_DATABASE_PASSWORD", "service-secret");
      List<String> command =
          ServiceProcess.jar("serve", "--port", "" + port, "--data-dir", data.toString());
      try (ServiceProcess service = ServiceProcess.start(command, env)) {
        service.awaitHealthy(port);

        Jdbi db = Jdbi.create(url, "qm_service", "service-secret");
        int migrations =
            db.withHandle(
                h ->
                    h.createQuery("select count(*) from flyway_schema_history where success")
                        .mapTo(Integer.class)
                        .one());
        assertTrue(migrations >= 2, "migrations applied: " + migrations);
        String owner =
            db.withHandle(
                h ->
                    h.createQuery("select tableowner from pg_tables where tablename = 'orders'")
                        .mapTo(String.class)
                        .one());
        assertEquals("qm_service", owner);
        assertFalse(Files.exists(data.resolve("postgres")), "no embedded database was created");
        assertEquals(List.of(), running(data));
        service.stop();
      }
    }
  }
}
