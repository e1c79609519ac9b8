package io.quartermaster.order;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One resource change of an order, as ShowOrder returns it (CONTRACT §2.2). The vendor's seed page
 * spells three keys in lower case and the official SDKs in camelCase, so each is written under
 * both; the timestamps are strings of milliseconds because the SDKs reject numbers there.
 *
 * @param message omitted when null
 */
record OrderDetailItem(
    String resourceName,
    String action,
    String status,
    String beginTimestamp,
    String updateTimestamp,
    String message) {

  static OrderDetailItem of(OrderItemProgressRow row) {
    return new OrderDetailItem(
        row.resourceName(),
        row.action().wire(),
        row.status().wire(),
        millis(row.beginAt()),
        millis(row.updatedAt()),
        row.message() == null || row.message().isEmpty() ? null : row.message());
  }

  @JsonProperty("resourcename")
  String resourcenameLowerCase() {
    return resourceName;
  }

  @JsonProperty("begintimestamp")
  String begintimestampLowerCase() {
    return beginTimestamp;
  }

  @JsonProperty("updatetimestamp")
  String updatetimestampLowerCase() {
    return updateTimestamp;
  }

  private static String millis(Instant instant) {
    return Long.toString(instant == null ? 0 : instant.toEpochMilli());
  }
}
