package io.quartermaster.order;

import java.util.Optional;

/**
 * A resource change decided when the order is placed, so that a restart resumes the same plan with
 * the same node names.
 *
 * @param resourceName the pool's {@code metadata.name} for pool actions, the node name otherwise
 */
public record PlannedItem(
    ItemAction action, String resourceName, Optional<String> flavor, Optional<String> az) {

  public static PlannedItem pool(ItemAction action, String poolName) {
    return new PlannedItem(action, poolName, Optional.empty(), Optional.empty());
  }

  public static PlannedItem node(ItemAction action, String nodeName, String flavor, String az) {
    return new PlannedItem(action, nodeName, Optional.of(flavor), Optional.of(az));
  }
}
