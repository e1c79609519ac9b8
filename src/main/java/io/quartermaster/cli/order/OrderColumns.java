package io.quartermaster.cli.order;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.cli.ClientJson;
import io.quartermaster.cli.Column;
import io.quartermaster.cli.Times;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** How orders and their items are shown as tables and CSV. */
final class OrderColumns {

  private OrderColumns() {}

  static List<Column> table(Clock clock) {
    return List.of(
        Column.at("NAME", "/orderName"),
        Column.at("OPERATION", "/operation"),
        Column.state("PHASE", o -> ClientJson.textOrEmpty(o, "/phase")),
        Column.at("POOL", "/resourceDisplayName"),
        Column.of("NODES", o -> nodes(OrderSummary.of(o))),
        Column.of("PLACED", o -> Times.local(ClientJson.number(o, "/creationTimestamp"), clock)),
        Column.of("TOOK", o -> took(OrderSummary.of(o), clock)),
        Column.at("BY", "/createdBy/userName"));
  }

  static List<Column> csv(Clock clock) {
    return List.of(
        Column.at("orderName", "/orderName"),
        Column.at("orderId", "/orderId"),
        Column.at("operation", "/operation"),
        Column.at("phase", "/phase"),
        Column.at("pool", "/resourceDisplayName"),
        Column.of("nodesBefore", o -> Integer.toString(OrderSummary.of(o).nodesBefore())),
        Column.of("nodesAfter", o -> Integer.toString(OrderSummary.of(o).nodesAfter())),
        Column.of("placed", o -> Times.iso(ClientJson.number(o, "/creationTimestamp"))),
        Column.of("began", o -> Times.iso(ClientJson.number(o, "/beginTimestamp"))),
        Column.of("ended", o -> Times.iso(ClientJson.number(o, "/endTimestamp"))),
        Column.of("tookSeconds", o -> tookSeconds(OrderSummary.of(o), clock)),
        Column.at("createdBy", "/createdBy/userName"),
        Column.at("failReason", "/failReason"));
  }

  /** The fields of {@code qm orders show} above its items. */
  static List<Column> summary(Clock clock) {
    return List.of(
        Column.at("Order", "/orderName"),
        Column.at("Id", "/orderId"),
        Column.at("Operation", "/operation"),
        Column.state("Phase", o -> ClientJson.textOrEmpty(o, "/phase")),
        Column.at("Fail reason", "/failReason"),
        Column.at("Pool", "/resourceDisplayName"),
        Column.of("Nodes", o -> nodes(OrderSummary.of(o))),
        Column.of("Placed", o -> Times.local(ClientJson.number(o, "/creationTimestamp"), clock)),
        Column.of("Took", o -> took(OrderSummary.of(o), clock)),
        Column.at("By", "/createdBy/userName"));
  }

  static List<Column> items(Clock clock) {
    return List.of(
        Column.at("ACTION", "/action"),
        Column.at("RESOURCE", "/resourceName"),
        Column.state("STATUS", i -> ClientJson.textOrEmpty(i, "/status")),
        Column.of("BEGAN", i -> Times.local(millis(i, "/beginTimestamp"), clock)),
        Column.of("UPDATED", i -> Times.local(millis(i, "/updateTimestamp"), clock)),
        Column.at("MESSAGE", "/message"));
  }

  static List<Column> itemsCsv() {
    return List.of(
        Column.at("action", "/action"),
        Column.at("resourceName", "/resourceName"),
        Column.at("status", "/status"),
        Column.of("began", i -> Times.iso(millis(i, "/beginTimestamp"))),
        Column.of("updated", i -> Times.iso(millis(i, "/updateTimestamp"))),
        Column.at("message", "/message"));
  }

  static String nodes(OrderSummary order) {
    return order.nodesBefore() + " → " + order.nodesAfter();
  }

  /** From the start of processing to its end, or to now while it runs; nothing before. */
  static String took(OrderSummary order, Clock clock) {
    return elapsed(order, clock).map(Times::human).orElse("");
  }

  private static String tookSeconds(OrderSummary order, Clock clock) {
    return elapsed(order, clock).map(d -> Long.toString(d.toSeconds())).orElse("");
  }

  private static java.util.Optional<Duration> elapsed(OrderSummary order, Clock clock) {
    if (order.began() <= 0) {
      return java.util.Optional.empty();
    }
    long end = order.ended() > 0 ? order.ended() : clock.millis();
    return java.util.Optional.of(Duration.ofMillis(end - order.began()));
  }

  private static long millis(JsonNode item, String pointer) {
    try {
      return Long.parseLong(ClientJson.textOrEmpty(item, pointer));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
