package io.quartermaster.identity;

import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.jdbi.v3.core.Jdbi;

/**
 * Makes a new database usable: project {@code default} and the global admin {@code admin}, who
 * holds role {@code admin} there. Runs at every start and does nothing once any user exists.
 */
final class Bootstrap {

  static final String PROJECT = "default";
  static final String ADMIN = "admin";
  // Any constant serves; it only has to be the same in every instance of the service.
  private static final long LOCK_KEY = 0x716d_6964_656e_7469L;

  private static final System.Logger LOG = System.getLogger(Bootstrap.class.getName());

  private final Jdbi jdbi;
  private final PasswordHasher passwords;
  private final Clock clock;
  private final PrintStream out;
  private final Executor checks;

  Bootstrap(Jdbi jdbi, PasswordHasher passwords, Clock clock, PrintStream out) {
    this(jdbi, passwords, clock, out, Runnable::run);
  }

  /**
   * @param checks runs the check of an ignored QM_ADMIN_PASSWORD, which costs a password derivation
   *     (a large part of a start's CPU) and only logs: the service runs it beside its start
   */
  Bootstrap(Jdbi jdbi, PasswordHasher passwords, Clock clock, PrintStream out, Executor checks) {
    this.jdbi = jdbi;
    this.passwords = passwords;
    this.clock = clock;
    this.out = out;
    this.checks = checks;
  }

  /**
   * Creates the first project and user unless the database has users already. Instances starting
   * together on one database serialize on an advisory lock: one creates, the others see its users.
   *
   * @param adminPassword the admin's password; when empty one is generated and printed once
   * @return whether this call created them
   */
  boolean run(Optional<String> adminPassword) {
    // Every start but the first finds users: it need not spend a password derivation (a large
    // part of a start's CPU) on a hash it would throw away. The locked check below decides.
    boolean created = !jdbi.withHandle(h -> new UserDao(h).any()) && create(adminPassword);
    if (!created && adminPassword.isPresent()) {
      checks.execute(
          () -> {
            try {
              warnIfIgnored(adminPassword.get());
            } catch (RuntimeException e) {
              // Only a warning is lost, e.g. when the service stops at once.
              LOG.log(Level.DEBUG, "could not check QM_ADMIN_PASSWORD against the admin's", e);
            }
          });
    }
    return created;
  }

  private boolean create(Optional<String> adminPassword) {
    String password = adminPassword.orElseGet(Bootstrap::randomPassword);
    String hash = passwords.hash(password);
    boolean created =
        jdbi.inTransaction(
            h -> {
              h.createQuery("select 1 from pg_advisory_xact_lock(:key)")
                  .bind("key", LOCK_KEY)
                  .mapTo(Integer.class)
                  .one();
              UserDao users = new UserDao(h);
              if (users.any()) {
                return false;
              }
              Instant now = clock.instant();
              ProjectDao projects = new ProjectDao(h);
              projects.insert(new ProjectRow(Ids.newId(), PROJECT, "", true), now);
              ProjectRow project = projects.findByName(PROJECT).orElseThrow();
              UserRow admin = new UserRow(Ids.newId(), ADMIN, hash, true, true);
              users.insert(admin, now);
              new RoleDao(h).assign(admin.id(), project.id(), Role.ADMIN);
              return true;
            });
    if (created && adminPassword.isEmpty()) {
      out.println("Generated admin password for user " + ADMIN + ": " + password);
      out.flush();
    }
    return created;
  }

  /**
   * A password set for a database that has its admin already changes nothing. Said plainly unless
   * it is the admin's password anyway (a restart with the same setting), since otherwise every
   * login with it fails without a word on the server's side.
   */
  private void warnIfIgnored(String configured) {
    Optional<UserRow> admin = jdbi.withHandle(h -> new UserDao(h).findByName(ADMIN));
    if (admin.isPresent() && passwords.verify(configured, admin.get().passwordHash())) {
      return;
    }
    LOG.log(
        Level.WARNING,
        "QM_ADMIN_PASSWORD is set but ignored: the database was set up at an earlier start and"
            + " user "
            + ADMIN
            + " keeps the password it got then (printed at that start if it was generated)."
            + " To start over with this one, stop the service and remove its data directory"
            + " (or, with QM_DATABASE_URL, use an empty database).");
  }

  private static String randomPassword() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
