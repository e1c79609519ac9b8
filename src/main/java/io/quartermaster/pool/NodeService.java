package io.quartermaster.pool;

import io.quartermaster.error.NotFoundException;
import io.quartermaster.order.ItemAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** Reading the nodes of a pool, including the ones its order is creating or deleting now. */
public final class NodeService {

  private final Jdbi jdbi;
  private final PoolDao pools = new PoolDao();
  private final NodeDao nodes = new NodeDao();

  public NodeService(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  NodeList list(String projectId, String poolName, NodePage page) {
    return jdbi.inTransaction(
        h -> {
          PoolRow pool =
              pools
                  .findLive(h, projectId, poolName)
                  .orElseThrow(() -> NotFoundException.pool(poolName, projectId));
          Map<String, ItemAction> changing = nodes.changing(h, pool.id());
          List<NodeList.Node> all = new ArrayList<>();
          for (NodeRow node : nodes.list(h, pool.id())) {
            String phase =
                changing.get(node.name()) == ItemAction.DELETE_NODE ? "Deleting" : "Available";
            all.add(
                NodeList.Node.of(node.name(), node.createdAt(), node.flavor(), node.az(), phase));
          }
          all.sort(java.util.Comparator.comparing(n -> n.metadata().name()));
          List<NodeList.Node> after =
              all.stream()
                  .filter(
                      n -> page.after().map(a -> n.metadata().name().compareTo(a) > 0).orElse(true))
                  .toList();
          List<NodeList.Node> items = after.stream().limit(page.limit()).toList();
          int remaining = after.size() - items.size();
          Map<String, Object> metadata = new LinkedHashMap<>();
          if (remaining > 0) {
            metadata.put("continue", items.get(items.size() - 1).metadata().name());
            metadata.put("remainingItemCount", remaining);
          }
          return new NodeList("v2", "NodeList", metadata, items);
        });
  }
}
