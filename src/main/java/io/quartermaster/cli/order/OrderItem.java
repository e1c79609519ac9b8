package io.quartermaster.cli.order;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.cli.ClientJson;

/** One resource change of an order, as ShowOrder reports it. */
public record OrderItem(
    String resourceName, String action, String status, String message, long began, long updated) {

  public static OrderItem of(JsonNode item) {
    return new OrderItem(
        ClientJson.textOrEmpty(item, "/resourceName"),
        ClientJson.textOrEmpty(item, "/action"),
        ClientJson.textOrEmpty(item, "/status"),
        ClientJson.textOrEmpty(item, "/message"),
        // Strings of milliseconds in ShowOrder (CONTRACT §2.2).
        parse(ClientJson.textOrEmpty(item, "/beginTimestamp")),
        parse(ClientJson.textOrEmpty(item, "/updateTimestamp")));
  }

  public boolean settled() {
    return status.equals("succeed") || status.equals("failed");
  }

  private static long parse(String millis) {
    try {
      return Long.parseLong(millis);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
