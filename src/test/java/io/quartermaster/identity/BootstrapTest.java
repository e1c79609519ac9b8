package io.quartermaster.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.testing.LogCapture;
import io.quartermaster.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BootstrapTest {

  private static final TestServer SERVER = TestServer.get();
  private final PasswordHasher passwords = new PasswordHasher(1000);
  private String scratchDatabase;

  @AfterEach
  void dropScratchDatabase() {
    if (scratchDatabase != null) {
      SERVER.jdbi().useHandle(h -> h.execute("drop database " + scratchDatabase + " with (force)"));
    }
  }

  /** A new, migrated and empty database on the test server's PostgreSQL. */
  private Jdbi emptyDatabase() throws SQLException {
    scratchDatabase = "bootstrap_" + UUID.randomUUID().toString().replace("-", "");
    SERVER.jdbi().useHandle(h -> h.execute("create database " + scratchDatabase));
    String url =
        SERVER
            .jdbi()
            .withHandle(h -> h.getConnection().getMetaData().getURL())
            .replaceFirst("/postgres(\\?|$)", "/" + scratchDatabase + "$1");
    Flyway.configure().dataSource(url, "postgres", "").load().migrate();
    return Jdbi.create(url, "postgres", "");
  }

  @Test
  void runningAgainstABootstrappedDatabaseChangesNothing() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Map<String, Object> before = census(SERVER.jdbi());
    Bootstrap again =
        new Bootstrap(SERVER.jdbi(), passwords, Clock.systemUTC(), new PrintStream(out, true));

    assertFalse(again.run(Optional.empty()));
    assertFalse(again.run(Optional.of("another-admin-password")));
    assertEquals(before, census(SERVER.jdbi()));
    assertEquals("", out.toString(StandardCharsets.UTF_8));
    assertEquals(201, SERVER.client().post("/v3/auth/tokens", adminLogin()).status());
  }

  @Test
  void aConfiguredPasswordThatABootstrappedDatabaseIgnoresIsWarnedAbout() {
    Bootstrap again =
        new Bootstrap(
            SERVER.jdbi(),
            passwords,
            Clock.systemUTC(),
            new PrintStream(OutputStream.nullOutputStream()));
    try (LogCapture log = LogCapture.of(Bootstrap.class.getName())) {
      again.run(Optional.of("another-admin-password"));
      List<String> warnings = log.messages(Level.WARNING);
      assertEquals(1, warnings.size(), warnings::toString);
      assertTrue(
          warnings
              .get(0)
              .startsWith("QM_ADMIN_PASSWORD is set but ignored: the database was set up"),
          warnings.get(0));
      assertFalse(warnings.get(0).contains("another-admin-password"), warnings.get(0));

      // The admin's own password, as on a restart with an unchanged setting, or none: no warning.
      again.run(Optional.of(TestServer.ADMIN_PASSWORD));
      again.run(Optional.empty());
      assertEquals(1, log.messages(Level.WARNING).size(), log.messages()::toString);
    }
  }

  @Test
  void twoInstancesBootstrappingOneEmptyDatabaseCreateOneAdminAndPrintItsPasswordOnce()
      throws Exception {
    Jdbi jdbi = emptyDatabase();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    Callable<Boolean> instance =
        () -> new Bootstrap(jdbi, passwords, Clock.systemUTC(), print).run(Optional.empty());
    List<Future<Boolean>> runs;
    try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
      runs = pool.invokeAll(List.of(instance, instance));
    }
    assertEquals(1, runs.stream().filter(BootstrapTest::created).count());

    assertEquals(Map.of("users", 1, "projects", 1, "role_assignments", 1), counts(jdbi));
    Matcher printed =
        Pattern.compile("Generated admin password for user admin: (\\S+)\\n")
            .matcher(out.toString(StandardCharsets.UTF_8));
    assertTrue(printed.matches(), out::toString);
    Map<String, Object> admin =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        """
                        select u.password_hash, u.global_admin, u.enabled, r.role, p.name as project
                        from users u
                        join role_assignments r on r.user_id = u.id
                        join projects p on p.id = r.project_id
                        where u.name = 'admin'
                        """)
                    .mapToMap()
                    .one());
    assertTrue(passwords.verify(printed.group(1), (String) admin.get("password_hash")));
    assertEquals(true, admin.get("global_admin"));
    assertEquals(true, admin.get("enabled"));
    assertEquals("admin", admin.get("role"));
    assertEquals("default", admin.get("project"));
  }

  @Test
  void aConfiguredAdminPasswordIsUsedAndNotPrinted() throws SQLException {
    Jdbi jdbi = emptyDatabase();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Bootstrap bootstrap =
        new Bootstrap(jdbi, passwords, Clock.systemUTC(), new PrintStream(out, true));
    assertTrue(bootstrap.run(Optional.of("configured-password")));
    String hash =
        jdbi.withHandle(
            h ->
                h.createQuery("select password_hash from users where name = 'admin'")
                    .mapTo(String.class)
                    .one());
    assertTrue(passwords.verify("configured-password", hash));
    assertEquals("", out.toString(StandardCharsets.UTF_8));
  }

  private static boolean created(Future<Boolean> run) {
    try {
      return run.get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static Map<String, Object> adminLogin() {
    return Keystone.authByName("admin", TestServer.ADMIN_PASSWORD, "default");
  }

  private static Map<String, Integer> counts(Jdbi jdbi) {
    return jdbi.withHandle(
        h ->
            Map.of(
                "users", count(h, "users"),
                "projects", count(h, "projects"),
                "role_assignments", count(h, "role_assignments")));
  }

  private static int count(Handle h, String table) {
    return h.createQuery("select count(*) from " + table).mapTo(Integer.class).one();
  }

  /** The bootstrap's rows as they stand: the admin and project {@code default}. */
  private static Map<String, Object> census(Jdbi jdbi) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    """
                    select
                      (select count(*) from users where name = 'admin') as admins,
                      (select count(*) from projects where name = 'default') as defaults,
                      (select password_hash from users where name = 'admin') as admin_hash,
                      (select id from projects where name = 'default') as default_id
                    """)
                .mapToMap()
                .one());
  }
}
