package io.quartermaster.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** The SQL of {@code login_failures}. */
final class LoginThrottleDao {

  private static final String COLUMNS = "window_started_at, failures, locked_until";

  private final Handle handle;

  LoginThrottleDao(Handle handle) {
    this.handle = handle;
  }

  Optional<LoginThrottle.Attempts> find(String userName) {
    return handle
        .createQuery("select " + COLUMNS + " from login_failures where user_name = :userName")
        .bind("userName", userName)
        .map(LoginThrottleDao::attempts)
        .findOne();
  }

  /**
   * The name's attempts, locked until the transaction ends so that concurrent failures all count;
   * empty when the name has none yet (a row is made for it, to hold the lock).
   */
  Optional<LoginThrottle.Attempts> lock(String userName, Instant now) {
    int inserted =
        handle
            .createUpdate(
                """
                insert into login_failures (user_name, window_started_at, failures)
                values (:userName, :now, 0)
                on conflict (user_name) do nothing
                """)
            .bind("userName", userName)
            .bind("now", now)
            .execute();
    Optional<LoginThrottle.Attempts> current =
        handle
            .createQuery(
                "select " + COLUMNS + " from login_failures where user_name = :userName for update")
            .bind("userName", userName)
            .map(LoginThrottleDao::attempts)
            .findOne();
    return inserted == 1 ? Optional.empty() : current;
  }

  void save(String userName, LoginThrottle.Attempts attempts) {
    handle
        .createUpdate(
            """
            update login_failures
            set window_started_at = :windowStartedAt, failures = :failures,
                locked_until = :lockedUntil
            where user_name = :userName
            """)
        .bind("userName", userName)
        .bind("windowStartedAt", attempts.windowStartedAt())
        .bind("failures", attempts.failures())
        .bind("lockedUntil", attempts.lockedUntil().orElse(null))
        .execute();
  }

  void delete(String userName) {
    handle
        .createUpdate("delete from login_failures where user_name = :userName")
        .bind("userName", userName)
        .execute();
  }

  /** Forgets names whose window closed before {@code windowCutoff} and that are not locked. */
  void purgeStale(Instant windowCutoff, Instant now) {
    handle
        .createUpdate(
            """
            delete from login_failures
            where window_started_at < :windowCutoff
              and (locked_until is null or locked_until <= :now)
            """)
        .bind("windowCutoff", windowCutoff)
        .bind("now", now)
        .execute();
  }

  private static LoginThrottle.Attempts attempts(ResultSet rs, StatementContext ctx)
      throws SQLException {
    OffsetDateTime lockedUntil = rs.getObject("locked_until", OffsetDateTime.class);
    return new LoginThrottle.Attempts(
        rs.getObject("window_started_at", OffsetDateTime.class).toInstant(),
        rs.getInt("failures"),
        Optional.ofNullable(lockedUntil).map(OffsetDateTime::toInstant));
  }
}
