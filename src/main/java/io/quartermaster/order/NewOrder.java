package io.quartermaster.order;

import io.quartermaster.flavor.FlavorCount;
import io.quartermaster.identity.Caller;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An order about to be placed.
 *
 * @param initCount the pool before the order; empty for {@code apply}
 * @param resultCount the pool as it stands when the order is placed
 */
public record NewOrder(
    String projectId,
    UUID poolId,
    String resourceName,
    String resourceDisplayName,
    String workspaceId,
    OrderOperation operation,
    Billing billing,
    Optional<List<FlavorCount>> initCount,
    List<FlavorCount> specCount,
    List<FlavorCount> resultCount,
    List<PlannedItem> items,
    Caller placedBy) {

  public NewOrder {
    specCount = List.copyOf(specCount);
    resultCount = List.copyOf(resultCount);
    items = List.copyOf(items);
  }
}
