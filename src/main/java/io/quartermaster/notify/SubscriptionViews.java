package io.quartermaster.notify;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * The JSON of the subscriptions API. The secret appears in the answer to the creation only, and in
 * no other answer.
 */
final class SubscriptionViews {

  private SubscriptionViews() {}

  /**
   * @param deliveredThrough the number of the last event delivered, dead-lettered or filtered out
   * @param attempts failed attempts at the next event so far
   */
  record View(
      String id,
      String url,
      @JsonProperty("event_types") List<String> eventTypes,
      Optional<String> pool,
      @JsonProperty("created_at") long createdAt,
      @JsonProperty("created_by") String createdBy,
      @JsonProperty("delivered_through") long deliveredThrough,
      int attempts,
      @JsonProperty("last_attempt_at") Optional<Long> lastAttemptAt,
      @JsonProperty("last_status") Optional<Integer> lastStatus,
      @JsonProperty("last_error") Optional<String> lastError,
      Optional<String> secret) {}

  record ViewList(List<View> subscriptions) {}

  record Delivery(
      String id,
      long seq,
      String type,
      String subject,
      String state,
      int attempts,
      @JsonProperty("last_status") Optional<Integer> lastStatus,
      @JsonProperty("last_error") String lastError,
      @JsonProperty("dead_at") long deadAt) {}

  record DeliveryList(List<Delivery> deliveries) {}

  static View of(SubscriptionRow row) {
    return view(row, Optional.empty());
  }

  static View created(SubscriptionRow row, String secret) {
    return view(row, Optional.of(secret));
  }

  private static View view(SubscriptionRow row, Optional<String> secret) {
    return new View(
        row.id(),
        row.url(),
        row.eventTypes(),
        row.pool(),
        row.createdAt().toEpochMilli(),
        row.createdBy(),
        row.deliveredThrough(),
        row.attempts(),
        row.lastAttemptAt().map(java.time.Instant::toEpochMilli),
        row.lastStatus(),
        row.lastError(),
        secret);
  }

  static Delivery dead(String projectId, DeadLetter letter) {
    return new Delivery(
        CloudEvent.id(projectId, letter.seq()),
        letter.seq(),
        CloudEvent.TYPE_PREFIX + letter.eventType(),
        letter.orderName(),
        "dead",
        letter.attempts(),
        letter.lastStatus(),
        letter.lastError(),
        letter.deadAt().toEpochMilli());
  }
}
