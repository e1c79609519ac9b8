package io.quartermaster.pool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quartermaster.flavor.FlavorCount;
import java.util.List;
import java.util.Optional;

/**
 * A validated PATCH of a pool.
 *
 * @param manifest the pool's manifest with the patch applied
 * @param resources the new requested resources, when the patch changes node counts
 */
record PoolPatch(ObjectNode manifest, Optional<List<FlavorCount>> resources) {}
