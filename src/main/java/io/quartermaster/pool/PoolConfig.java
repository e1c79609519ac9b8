package io.quartermaster.pool;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Pool settings.
 *
 * @param nodeQuota the most nodes a project's live pools may ask for together
 * @param flavorCatalog a catalog file replacing the built-in one
 */
public record PoolConfig(int nodeQuota, Optional<Path> flavorCatalog) {

  public PoolConfig {
    if (nodeQuota < 0) {
      throw new IllegalArgumentException("nodeQuota must not be negative");
    }
  }
}
