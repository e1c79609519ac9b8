package io.quartermaster.order;

import java.util.List;

/**
 * How many nodes of one flavor a pool has or should have (CONTRACT §2.1), the shape stored in
 * {@code orders.init_count}, {@code spec_count} and {@code result_count}.
 *
 * @param maxCount null when not recorded; omitted from the JSON then
 * @param azs null when not recorded; omitted from the JSON then
 */
public record PoolResourceFlavorCount(
    String flavor, int count, Integer maxCount, List<AzCount> azs) {

  public PoolResourceFlavorCount {
    azs = azs == null ? null : List.copyOf(azs);
  }

  /** The nodes of the flavor in one availability zone. */
  public record AzCount(String az, int count) {}
}
