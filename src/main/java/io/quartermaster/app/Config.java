package io.quartermaster.app;

import io.quartermaster.db.DatabaseConfig;
import io.quartermaster.order.OrderConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the service is configured with, read once at start. Each feature gets its own part;
 * nothing reads the environment after this.
 */
public record Config(String host, int port, DatabaseConfig database, OrderConfig orders) {

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
    OrderConfig orders =
        new OrderConfig(read.duration("QM_ORDER_LIST_WINDOW", OrderConfig.DEFAULT_LIST_WINDOW));
    return new Config(
        read.string("QM_HOST", "0.0.0.0"), read.integer("QM_PORT", DEFAULT_PORT), database, orders);
  }

  public Config withPort(int newPort) {
    return new Config(host, newPort, database, orders);
  }

  public Config withDatabase(DatabaseConfig newDatabase) {
    return new Config(host, port, newDatabase, orders);
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

    /** An ISO-8601 duration such as {@code P30D} or {@code PT12H}; it must be positive. */
    Duration duration(String name, Duration fallback) {
      return optional(name).map(v -> parseDuration(name, v)).orElse(fallback);
    }

    private static Duration parseDuration(String name, String value) {
      try {
        Duration parsed = Duration.parse(value);
        if (parsed.isNegative() || parsed.isZero()) {
          throw new InvalidConfigException(
              name + " must be a positive duration, not '" + value + "'");
        }
        return parsed;
      } catch (DateTimeParseException e) {
        throw new InvalidConfigException(
            name + " must be an ISO-8601 duration such as P30D, not '" + value + "'");
      }
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
