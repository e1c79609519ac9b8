package io.quartermaster.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.testing.Eventually;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.Tenant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * One pool taken through its life by a member of its tenant, through the pool API: created, scaled
 * out and in, nodes deleted, deleted. Each step places an order and waits for it to finish,
 * whatever its outcome, so the next step meets no order in progress.
 */
final class PoolJourney {

  private final Tenant tenant;
  private final Jdbi jdbi;
  private final String display;
  private final List<String> flavors;
  private String lastOrder = "";

  PoolJourney(Tenant tenant, Jdbi jdbi, String display, List<String> flavors) {
    this.tenant = tenant;
    this.jdbi = jdbi;
    this.display = display;
    this.flavors = List.copyOf(flavors);
  }

  /** Places the pool's {@code apply} order with {@code count} nodes of each flavor. */
  String create(int count) {
    List<Map<String, Object>> resources = new ArrayList<>();
    flavors.forEach(f -> resources.add(Pools.resource(f, count)));
    return step(() -> tenant.member().post(poolsPath(), Pools.body(display, resources)))
        .orElseThrow();
  }

  /** Asks for {@code delta} more (or fewer) nodes of each flavor than the pool has, at least 1. */
  Optional<String> scaleBy(int delta) {
    Map<String, Integer> counts = nodeCounts();
    List<Map<String, Object>> resources = new ArrayList<>();
    flavors.forEach(
        f -> resources.add(Pools.resource(f, Math.max(1, counts.getOrDefault(f, 0) + delta))));
    return step(
        () -> tenant.member().patch(poolPath(), Map.of("spec", Map.of("resources", resources))));
  }

  /** Deletes the newest node, when the pool has two at least. */
  Optional<String> deleteNewestNode() {
    List<String> names = nodeNames();
    if (names.size() < 2) {
      return Optional.empty();
    }
    String newest = names.get(names.size() - 1);
    return step(
        () ->
            tenant
                .member()
                .post(
                    poolPath() + "/nodes/batch-delete",
                    Map.of("deleteNodeNames", List.of(newest))));
  }

  /** Deletes the pool; asks again, up to {@code attempts} times, while deleting fails. */
  void delete(int attempts) {
    for (int i = 0; i < attempts; i++) {
      Optional<String> order = step(() -> tenant.member().delete(poolPath()));
      if (order.isEmpty() || "successed".equals(phase(order.get()))) {
        return;
      }
    }
  }

  /**
   * Sends a request that may place an order; answers the order, once finished, or empty when the
   * request placed none.
   */
  private Optional<String> step(Supplier<HttpResult> request) {
    HttpResult result = request.get();
    assertEquals(200, result.status(), display + ": " + result.rawBody());
    String order = result.body().at("/metadata/labels/os.modelarts~1order.name").asText();
    if (order.equals(lastOrder)) {
      return Optional.empty();
    }
    lastOrder = order;
    Eventually.until(
        () -> phase(order),
        p -> p.equals("successed") || p.equals("failed"),
        Duration.ofSeconds(60));
    return Optional.of(order);
  }

  private String phase(String orderName) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select phase from orders where project_id = :p and order_name = :n")
                .bind("p", tenant.projectId())
                .bind("n", orderName)
                .mapTo(String.class)
                .one());
  }

  private Map<String, Integer> nodeCounts() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    nodes().forEach(n -> counts.merge(n.at("/spec/flavor").asText(), 1, Integer::sum));
    return counts;
  }

  /** The pool's node names, oldest first. */
  private List<String> nodeNames() {
    List<String> names = new ArrayList<>();
    nodes().forEach(n -> names.add(n.at("/metadata/name").asText()));
    return names;
  }

  private JsonNode nodes() {
    HttpResult result = tenant.viewer().get(poolPath() + "/nodes");
    assertEquals(200, result.status(), display + ": " + result.rawBody());
    return result.body().get("items");
  }

  private String poolsPath() {
    return "/v2/" + tenant.projectId() + "/pools";
  }

  private String poolPath() {
    return poolsPath() + "/" + Pools.poolName(display, tenant.projectId());
  }
}
