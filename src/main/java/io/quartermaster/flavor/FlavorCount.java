package io.quartermaster.flavor;

import java.util.List;

/**
 * The vendor's PoolResourceFlavorCount: how many nodes of a flavor, and how they spread over AZs.
 * Used for a pool's requested resources, its status, and an order's init/spec/result counts.
 */
public record FlavorCount(String flavor, int count, int maxCount, List<AzCount> azs) {

  public FlavorCount {
    azs = azs == null ? List.of() : List.copyOf(azs);
  }

  /** Nodes of one flavor in one AZ. */
  public record AzCount(String az, int count) {}
}
