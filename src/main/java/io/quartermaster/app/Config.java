package io.quartermaster.app;

import io.quartermaster.db.DatabaseConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the service is configured with, read once at start. Each feature gets its own part;
 * nothing reads the environment after this.
 */
public record Config(String host, int port, DatabaseConfig database) {

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
        read.string("QM_HOST", "0.0.0.0"), read.integer("QM_PORT", DEFAULT_PORT), database);
  }

  public Config withPort(int newPort) {
    return new Config(host, newPort, database);
  }

  public Config withDatabase(DatabaseConfig newDatabase) {
    return new Config(host, port, newDatabase);
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

    private static int parse(String name, String value) {
      try {
        return Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw new InvalidConfigException(name + " must be an integer, not '" + value + "'");
      }
    }
  }
}
