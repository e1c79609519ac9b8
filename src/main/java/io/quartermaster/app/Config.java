package io.quartermaster.app;

import io.quartermaster.db.DatabaseConfig;
import io.quartermaster.identity.IdentityConfig;
import io.quartermaster.order.OrderConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the service is configured with, read once at start. Each feature gets its own part;
 * nothing reads the environment after this.
 *
 * <p>Identity: {@code QM_ADMIN_PASSWORD} (the bootstrap admin's password, 8–128 characters;
 * generated and printed once when unset), {@code QM_TOKEN_TTL} (token lifetime as an ISO-8601
 * duration, e.g. {@code PT24H} or {@code PT30M}; default {@code PT24H}), {@code
 * QM_PASSWORD_ITERATIONS} (PBKDF2 iterations, default 600000).
 *
 * <p>Orders: {@code QM_ORDER_LIST_WINDOW} (how far back ListOrders sees, as an ISO-8601 duration;
 * default {@code P30D}).
 */
public record Config(
    String host, int port, DatabaseConfig database, IdentityConfig identity, OrderConfig orders) {

  public static final int DEFAULT_PORT = 8080;

  /** Reads the {@code QM_*} environment variables, with defaults for everything unset. */
  public static Config fromEnvironment(Map<String, String> env) {
    EnvironmentReader read = new EnvironmentReader(env);
    DatabaseConfig database =
        new DatabaseConfig(
            Path.of(read.string("QM_DATA_DIR", "data")),
            read.optional("QM_DATABASE_URL"),
            read.string("QM_DATABASE_USER", "postgres"),
            read.string("QM_DATABASE_PASSWORD", ""),
            read.integer("QM_DATABASE_POOL_SIZE", 16),
            true);
    return new Config(
        read.string("QM_HOST", "0.0.0.0"),
        read.integer("QM_PORT", DEFAULT_PORT),
        database,
        identity(read),
        new OrderConfig(read.duration("QM_ORDER_LIST_WINDOW", OrderConfig.DEFAULT_LIST_WINDOW)));
  }

  private static IdentityConfig identity(EnvironmentReader read) {
    var adminPassword = read.optional("QM_ADMIN_PASSWORD");
    if (adminPassword.isPresent()
        && (adminPassword.get().length() < 8 || adminPassword.get().length() > 128)) {
      throw new InvalidConfigException("QM_ADMIN_PASSWORD must be 8 to 128 characters long");
    }
    int iterations =
        read.integer("QM_PASSWORD_ITERATIONS", IdentityConfig.DEFAULT_PASSWORD_ITERATIONS);
    if (iterations < 1) {
      throw new InvalidConfigException("QM_PASSWORD_ITERATIONS must be at least 1");
    }
    return new IdentityConfig(
        adminPassword, read.duration("QM_TOKEN_TTL", IdentityConfig.DEFAULT_TOKEN_TTL), iterations);
  }

  public Config withPort(int newPort) {
    return new Config(host, newPort, database, identity, orders);
  }

  public Config withDatabase(DatabaseConfig newDatabase) {
    return new Config(host, port, newDatabase, identity, orders);
  }

  public Config withDataDir(Path dataDir) {
    return withDatabase(
        new DatabaseConfig(
            dataDir,
            database.externalUrl(),
            database.user(),
            database.password(),
            database.poolSize(),
            database.durable()));
  }

  /** Typed reads of environment variables that fail with the variable's name. */
  record EnvironmentReader(Map<String, String> env) {

    Optional<String> optional(String name) {
      return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    String string(String name, String fallback) {
      return optional(name).orElse(fallback);
    }

    int integer(String name, int fallback) {
      return optional(name).map(v -> parse(name, v)).orElse(fallback);
    }

    /** A positive ISO-8601 duration such as {@code PT24H}. */
    Duration duration(String name, Duration fallback) {
      return optional(name).map(v -> parseDuration(name, v)).orElse(fallback);
    }

    private static Duration parseDuration(String name, String value) {
      try {
        Duration duration = Duration.parse(value);
        if (!duration.isNegative() && !duration.isZero()) {
          return duration;
        }
      } catch (DateTimeParseException e) {
        // reported below, with the variable's name
      }
      throw new InvalidConfigException(
          name + " must be a positive ISO-8601 duration such as PT24H, not '" + value + "'");
    }

    private static int parse(String name, String value) {
      try {
        return Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw new InvalidConfigException(name + " must be an integer, not '" + value + "'");
      }
    }
  }
}
