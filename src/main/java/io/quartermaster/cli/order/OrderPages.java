package io.quartermaster.cli.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quartermaster.cli.CliException;
import io.quartermaster.cli.ClientJson;
import io.quartermaster.cli.ServiceClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * ListOrders across pages. The API pages with {@code limit}/{@code offset}, and {@code offset}
 * stops at 500. A service that offers keyset markers (an extension) answers the first page's empty
 * {@code marker=} with a {@code nextMarker}, which is followed: orders placed while paging are then
 * neither lost nor repeated. A service without markers ignores the parameter, and the next page is
 * asked for by narrowing {@code until} (inclusive) to the creation time of the last order seen;
 * orders seen twice on that boundary are dropped by name. Only {@link #nextPage} knows how a page
 * follows another.
 */
public final class OrderPages {

  /** The largest page ListOrders serves. */
  static final int MAX_PAGE = 500;

  /** The orders found, and what the service said about them. */
  public record Listing(long count, List<JsonNode> items, String json) {}

  private OrderPages() {}

  /**
   * Up to {@code max} orders matching {@code filters} (all of them when empty), newest first.
   * {@code json} is the service's own answer when one page held them all, else the same shape
   * ({@code count} and {@code items}) made of the pages' items.
   */
  public static Listing fetch(
      ServiceClient client, Map<String, String> filters, Optional<Integer> max) {
    List<JsonNode> items = new ArrayList<>();
    Page first =
        walk(
            client,
            filters,
            max,
            order -> {
              items.add(order);
              return max.isEmpty() || items.size() < max.get();
            });
    if (first.pages() == 1) {
      return new Listing(first.count(), items, first.json());
    }
    ObjectNode merged = ClientJson.object();
    merged.put("count", first.count());
    ArrayNode array = merged.putArray("items");
    items.forEach(array::add);
    return new Listing(first.count(), items, merged.toString());
  }

  /** The first order matching {@code filters} that {@code wanted} accepts. */
  public static Optional<JsonNode> find(
      ServiceClient client, Map<String, String> filters, Predicate<JsonNode> wanted) {
    JsonNode[] found = new JsonNode[1];
    walk(
        client,
        filters,
        Optional.empty(),
        order -> {
          if (wanted.test(order)) {
            found[0] = order;
            return false;
          }
          return true;
        });
    return Optional.ofNullable(found[0]);
  }

  /** What the first page said, and how many pages were read. */
  private record Page(long count, String json, int pages) {}

  /**
   * A position in the listing: the service's marker when it pages by marker, else the {@code until}
   * bound and the offset below it.
   */
  private record Position(Optional<String> marker, Optional<String> until, int offset) {}

  /** Hands each order to {@code sink} until it answers false or there are no more. */
  private static Page walk(
      ServiceClient client,
      Map<String, String> filters,
      Optional<Integer> max,
      Predicate<JsonNode> sink) {
    Set<String> seen = new HashSet<>();
    // The empty marker asks a service that pages by marker for its first page and its nextMarker.
    Position position = new Position(Optional.of(""), Optional.ofNullable(filters.get("until")), 0);
    boolean byMarker = false;
    long count = -1;
    String firstJson = null;
    int pages = 0;
    int taken = 0;
    while (true) {
      int limit = max.map(m -> Math.min(MAX_PAGE, m - seen.size())).orElse(MAX_PAGE);
      Map<String, String> query = new LinkedHashMap<>(filters);
      query.put("limit", Integer.toString(limit));
      position.marker().ifPresent(marker -> query.put("marker", marker));
      position.until().ifPresent(until -> query.put("until", until));
      if (position.offset() > 0) {
        query.put("offset", Integer.toString(position.offset()));
      }
      ServiceClient.Response response = client.call("GET", client.v1("orders"), query, null, null);
      JsonNode page = response.requireJson();
      pages++;
      if (count < 0) {
        count = page.path("count").asLong();
        firstJson = response.body();
      }
      List<JsonNode> orders = new ArrayList<>();
      page.path("items").forEach(orders::add);
      int fresh = 0;
      for (JsonNode order : orders) {
        if (seen.add(order.path("orderName").asText())) {
          fresh++;
          taken++;
          if (!sink.test(order)) {
            return new Page(count, firstJson, pages);
          }
        }
      }
      Optional<String> nextMarker =
          Optional.ofNullable(page.get("nextMarker"))
              .map(JsonNode::asText)
              .filter(m -> !m.isEmpty());
      byMarker |= nextMarker.isPresent();
      if (byMarker) {
        // The marker's own end is the end, even when orders placed meanwhile raised the count.
        if (nextMarker.isEmpty()) {
          return new Page(count, firstJson, pages);
        }
        position = new Position(nextMarker, position.until(), 0);
        continue;
      }
      if (orders.size() < limit || taken >= count) {
        return new Page(count, firstJson, pages);
      }
      position = nextPage(position, orders, fresh);
    }
  }

  /**
   * The page after one that ended with {@code orders}: everything placed up to the last one's time.
   * When a whole page shared one millisecond and so brought nothing new, step by offset within that
   * millisecond instead.
   */
  private static Position nextPage(Position current, List<JsonNode> orders, int fresh) {
    String lastTime = orders.get(orders.size() - 1).path("creationTimestamp").asText();
    if (fresh > 0 && !current.until().equals(Optional.of(lastTime))) {
      return new Position(Optional.empty(), Optional.of(lastTime), 0);
    }
    int offset = current.offset() + orders.size();
    if (offset > MAX_PAGE) {
      throw CliException.server(
          "more than " + MAX_PAGE + " orders were placed in the same millisecond; cannot page on");
    }
    return new Position(Optional.empty(), Optional.of(lastTime), offset);
  }
}
