package io.quartermaster.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** The SQL of {@code users}, on one handle so that callers can combine it in a transaction. */
final class UserDao {

  private static final String COLUMNS = "id, name, password_hash, enabled, global_admin";

  private final Handle handle;

  UserDao(Handle handle) {
    this.handle = handle;
  }

  /** Inserts {@code user}; false when its name is taken, even by a concurrent insert. */
  boolean insert(UserRow user, Instant now) {
    return handle
            .createUpdate(
                """
                insert into users (id, name, password_hash, enabled, global_admin, created_at)
                values (:id, :name, :passwordHash, :enabled, :globalAdmin, :now)
                on conflict (name) do nothing
                """)
            .bind("id", user.id())
            .bind("name", user.name())
            .bind("passwordHash", user.passwordHash())
            .bind("enabled", user.enabled())
            .bind("globalAdmin", user.globalAdmin())
            .bind("now", now)
            .execute()
        == 1;
  }

  Optional<UserRow> findById(String id) {
    return handle
        .createQuery("select " + COLUMNS + " from users where id = :id")
        .bind("id", id)
        .map(UserDao::row)
        .findOne();
  }

  /** The user, locked until the transaction ends, for a read-modify-write of its row. */
  Optional<UserRow> lockById(String id) {
    return handle
        .createQuery("select " + COLUMNS + " from users where id = :id for update")
        .bind("id", id)
        .map(UserDao::row)
        .findOne();
  }

  Optional<UserRow> findByName(String name) {
    return handle
        .createQuery("select " + COLUMNS + " from users where name = :name")
        .bind("name", name)
        .map(UserDao::row)
        .findOne();
  }

  List<UserRow> list() {
    return handle
        .createQuery("select " + COLUMNS + " from users order by name")
        .map(UserDao::row)
        .list();
  }

  boolean any() {
    return handle.createQuery("select exists (select 1 from users)").mapTo(Boolean.class).one();
  }

  void update(UserRow user) {
    handle
        .createUpdate(
            "update users set password_hash = :passwordHash, enabled = :enabled where id = :id")
        .bind("id", user.id())
        .bind("passwordHash", user.passwordHash())
        .bind("enabled", user.enabled())
        .execute();
  }

  /** Deletes the user with its role assignments and tokens; false when there was none. */
  boolean delete(String id) {
    return handle.createUpdate("delete from users where id = :id").bind("id", id).execute() == 1;
  }

  private static UserRow row(ResultSet rs, StatementContext ctx) throws SQLException {
    return new UserRow(
        rs.getString("id"),
        rs.getString("name"),
        rs.getString("password_hash"),
        rs.getBoolean("enabled"),
        rs.getBoolean("global_admin"));
  }
}
