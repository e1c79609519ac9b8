package io.quartermaster.engine;

import io.quartermaster.order.ItemAction;
import java.util.Optional;

/**
 * One resource change for a provider to carry out.
 *
 * @param idempotencyKey the same for every attempt at this item, different for every item
 * @param resourceName the pool's {@code metadata.name} for pool actions, the node name otherwise
 */
public record ProvisionRequest(
    String idempotencyKey,
    ItemAction action,
    String projectId,
    String poolName,
    String resourceName,
    Optional<String> flavor,
    Optional<String> az) {}
