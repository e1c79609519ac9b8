package io.quartermaster.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;

/** The service's database: a migrated schema behind a connection pool. */
public final class Database implements AutoCloseable {

  /**
   * How long a request waits for a connection before it is answered 503. Hikari's default, 30 s,
   * would hold every request through an outage; a healthy pool hands one over in microseconds.
   */
  static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(3);

  private final EmbeddedDatabase embedded;
  private final HikariDataSource dataSource;
  private final Jdbi jdbi;
  private final DatabaseAvailability availability;

  private Database(EmbeddedDatabase embedded, HikariDataSource dataSource) {
    this.embedded = embedded;
    this.dataSource = dataSource;
    this.jdbi = Jdbi.create(dataSource).installPlugin(new PostgresPlugin());
    this.availability =
        new DatabaseAvailability(
            this::connect, embedded == null ? () -> {} : embedded::restartIfStopped);
    availability.start();
  }

  /** Starts the embedded server when no external one is configured, then migrates the schema. */
  public static Database start(DatabaseConfig config) {
    EmbeddedDatabase embedded = null;
    try {
      String url;
      String user = config.user();
      String password = config.password();
      if (config.externalUrl().isPresent()) {
        url = config.externalUrl().get();
      } else {
        embedded = EmbeddedDatabase.start(config.dataDir(), config.durable());
        url = embedded.jdbcUrl();
        user = "postgres";
        password = "";
      }
      HikariDataSource dataSource = pool(url, user, password, config.poolSize());
      try {
        Flyway.configure()
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            .load()
            .migrate();
      } catch (RuntimeException e) {
        dataSource.close();
        throw e;
      }
      return new Database(embedded, dataSource);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      closeQuietly(embedded);
      throw e;
    }
  }

  private static HikariDataSource pool(String url, String user, String password, int size) {
    HikariConfig hikari = new HikariConfig();
    hikari.setJdbcUrl(url);
    hikari.setUsername(user);
    hikari.setPassword(password);
    hikari.setMaximumPoolSize(size);
    hikari.setPoolName("quartermaster");
    hikari.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
    // pgjdbc's own default waits 10 s for a server that does not accept the connection.
    hikari.addDataSourceProperty("connectTimeout", Long.toString(CONNECTION_TIMEOUT.toSeconds()));
    try {
      return new HikariDataSource(hikari);
    } catch (HikariPool.PoolInitializationException e) {
      throw new DatabaseUnavailableException(
          "cannot connect to the database at "
              + withoutParameters(url)
              + " as "
              + user
              + ": "
              + rootMessage(e),
          e);
    }
  }

  /** The URL without its parameters, which may hold credentials. */
  private static String withoutParameters(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /** Whether the database answers now; the engine pauses and resumes by it. */
  public DatabaseAvailability availability() {
    return availability;
  }

  /**
   * A new connection outside the pool, with the pool's URL and credentials, for a session that
   * stays open for the life of the service (LISTEN): borrowing one from the pool forever would
   * shrink it. The caller closes it.
   */
  public Connection connect() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", dataSource.getUsername());
    if (dataSource.getPassword() != null) {
      properties.setProperty("password", dataSource.getPassword());
    }
    properties.setProperty("connectTimeout", Long.toString(CONNECTION_TIMEOUT.toSeconds()));
    return DriverManager.getConnection(dataSource.getJdbcUrl(), properties);
  }

  @Override
  public void close() {
    availability.close();
    dataSource.close();
    closeQuietly(embedded);
  }

  private static void closeQuietly(EmbeddedDatabase embedded) {
    if (embedded == null) {
      return;
    }
    try {
      embedded.close();
    } catch (IOException e) {
      System.getLogger(Database.class.getName())
          .log(System.Logger.Level.WARNING, "embedded PostgreSQL did not stop cleanly", e);
    }
  }
}
