package io.quartermaster.cli.order;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.cli.CliException;
import io.quartermaster.cli.ServiceClient;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds an order's ListOrders entry, which ShowOrder lacks (phase, operation, counts). ListOrders
 * has no filter by order, but an order's name carries its pool's display name ({@code
 * order.{pool}-{5 chars}}), so the pool's orders are searched; an order id means searching all.
 */
final class OrderLookup {

  private static final Pattern ORDER_NAME = Pattern.compile("order\\.(.{4,25})-[a-z0-9]{5}");

  private final ServiceClient client;

  OrderLookup(ServiceClient client) {
    this.client = client;
  }

  /** The order named (or with id) {@code nameOrId}; a 404 when there is none. */
  OrderSummary find(String nameOrId) {
    // ShowOrder first: its 404 is the service's own answer for an order that does not exist.
    client.get(client.v1("orders", nameOrId));
    return OrderSummary.of(listed(nameOrId));
  }

  /** The ListOrders entry of an order known to exist. */
  JsonNode listed(String nameOrId) {
    Matcher name = ORDER_NAME.matcher(nameOrId);
    Map<String, String> filters = name.matches() ? Map.of("involvedName", name.group(1)) : Map.of();
    return OrderPages.find(
            client,
            filters,
            order ->
                order.path("orderName").asText().equals(nameOrId)
                    || order.path("orderId").asText().equals(nameOrId))
        .orElseThrow(
            () ->
                CliException.notFound(
                    "order "
                        + nameOrId
                        + " exists but ListOrders does not show it (placed before its window?)"));
  }

  /** {@code order} as it stands now: its pool's orders placed in that very millisecond. */
  OrderSummary refresh(OrderSummary order) {
    String at = Long.toString(order.created());
    Map<String, String> filters =
        Map.of("involvedName", order.poolName(), "since", at, "until", at);
    JsonNode found =
        OrderPages.find(client, filters, o -> o.path("orderName").asText().equals(order.name()))
            .orElseThrow(
                () -> CliException.notFound("order " + order.name() + " is no longer listed"));
    return OrderSummary.of(found);
  }
}
