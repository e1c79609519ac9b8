package io.quartermaster.db;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the data lives: an embedded PostgreSQL in {@code dataDir} unless {@code externalUrl} names
 * a server to use instead.
 *
 * @param durable fsync and synchronous commit on; only tests turn this off, for speed
 */
public record DatabaseConfig(
    Path dataDir,
    Optional<String> externalUrl,
    String user,
    String password,
    int poolSize,
    boolean durable) {

  public DatabaseConfig {
    if (poolSize < 1) {
      throw new IllegalArgumentException("poolSize must be at least 1");
    }
  }
}
