package io.quartermaster.pool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quartermaster.flavor.FlavorCount;
import io.quartermaster.order.Billing;
import java.util.List;

/**
 * A validated request to create a pool.
 *
 * @param manifest the request's labels, annotations and spec with defaults filled in, as stored and
 *     echoed back
 */
record PoolRequest(
    String displayName,
    String workspaceId,
    Billing billing,
    List<FlavorCount> resources,
    ObjectNode manifest) {

  PoolRequest {
    resources = List.copyOf(resources);
  }

  int nodeCount() {
    return resources.stream().mapToInt(FlavorCount::count).sum();
  }
}
