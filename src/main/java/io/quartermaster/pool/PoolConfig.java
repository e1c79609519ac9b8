package io.quartermaster.pool;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Pool settings.
 *
 * @param nodeQuota the most nodes a project's live pools may ask for together
 * @param flavorCatalog a catalog file replacing the built-in one
 * @param maxPoolsPerProject the most live pools a project may have; one more is refused with 400
 *     {@code ModelArts.0118}
 */
public record PoolConfig(int nodeQuota, Optional<Path> flavorCatalog, int maxPoolsPerProject) {

  public static final int DEFAULT_MAX_POOLS_PER_PROJECT = 1000;

  public PoolConfig {
    if (nodeQuota < 0) {
      throw new IllegalArgumentException("nodeQuota must not be negative");
    }
    if (maxPoolsPerProject < 1) {
      throw new IllegalArgumentException("maxPoolsPerProject must be at least 1");
    }
  }

  /** The given quota and catalog, with the default cap on pools per project. */
  public PoolConfig(int nodeQuota, Optional<Path> flavorCatalog) {
    this(nodeQuota, flavorCatalog, DEFAULT_MAX_POOLS_PER_PROJECT);
  }

  public PoolConfig withMaxPoolsPerProject(int max) {
    return new PoolConfig(nodeQuota, flavorCatalog, max);
  }
}
