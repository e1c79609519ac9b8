package io.quartermaster.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quartermaster.flavor.FlavorCount;
import io.quartermaster.order.ItemAction;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** The vendor's Pool object, as the pool API answers it. */
record PoolView(String apiVersion, String kind, Metadata metadata, JsonNode spec, Status status) {

  static final String PROJECT_LABEL = "os.modelarts/tenant.project.id";
  static final String ORDER_NAME_LABEL = "os.modelarts/order.name";
  static final String ORDER_ID_ANNOTATION = "os.modelarts/order.id";

  record Metadata(
      String name,
      String creationTimestamp,
      Optional<String> deletionTimestamp,
      JsonNode labels,
      JsonNode annotations) {}

  record Status(String phase, Optional<String> message, Resources resources) {}

  /** Nodes by state; each list is empty rather than absent, as in the reference pages. */
  record Resources(
      List<FlavorCount> creating,
      List<FlavorCount> available,
      List<FlavorCount> abnormal,
      List<FlavorCount> deleting) {}

  /** The view of {@code pool}, given its nodes and the nodes its unfinished order is changing. */
  static PoolView of(
      PoolRow pool, List<FlavorCount> available, Map<ItemAction, List<FlavorCount>> inFlight) {
    ObjectNode manifest = pool.manifest();
    JsonNode metadata = manifest.get("metadata");
    return new PoolView(
        "v2",
        "Pool",
        new Metadata(
            pool.name(),
            iso(pool.createdAt()),
            pool.deletionRequestedAt().map(PoolView::iso),
            metadata.get("labels"),
            metadata.get("annotations")),
        manifest.get("spec"),
        new Status(
            pool.phase().wire(),
            pool.statusMessage(),
            new Resources(
                inFlight.getOrDefault(ItemAction.CREATE_NODE, List.of()),
                available,
                List.of(),
                inFlight.getOrDefault(ItemAction.DELETE_NODE, List.of()))));
  }

  /** The view of {@code pool} as it stands in the database now. */
  static PoolView load(Handle h, NodeDao nodes, PoolRow pool) {
    return loadAll(h, nodes, List.of(pool)).get(0);
  }

  /** The views of {@code pools}, in their order, with two queries however many there are. */
  static List<PoolView> loadAll(Handle h, NodeDao nodes, List<PoolRow> pools) {
    List<UUID> ids = pools.stream().map(PoolRow::id).toList();
    Map<UUID, List<FlavorCount>> available = nodes.counts(h, ids);
    Map<UUID, Map<ItemAction, List<FlavorCount>>> inFlight = nodes.inFlight(h, ids);
    return pools.stream()
        .map(
            pool ->
                of(
                    pool,
                    available.getOrDefault(pool.id(), List.of()),
                    inFlight.getOrDefault(pool.id(), Map.of())))
        .toList();
  }

  static String iso(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }
}
