package io.quartermaster.notify;

import io.quartermaster.event.StreamEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One row of {@code notification_subscriptions}: the target, its filters, and the cursor of its
 * deliveries.
 *
 * @param sealedSecret the secret, sealed under the server key ({@link SecretSeal})
 * @param deliveredThrough every event up to this number is delivered, dead-lettered or filtered out
 * @param attempts failed attempts at the next event to send
 */
record SubscriptionRow(
    String id,
    String projectId,
    String url,
    byte[] sealedSecret,
    List<String> eventTypes,
    Optional<String> pool,
    Instant createdAt,
    String createdBy,
    long deliveredThrough,
    int attempts,
    Optional<Instant> lastAttemptAt,
    Optional<Integer> lastStatus,
    Optional<String> lastError) {

  SubscriptionRow {
    eventTypes = List.copyOf(eventTypes);
  }

  /** Whether the event passes the subscription's filters. */
  boolean wants(StreamEvent event) {
    if (!eventTypes.isEmpty() && !eventTypes.contains(event.type())) {
      return false;
    }
    return pool.isEmpty()
        || pool.get().equals(event.resourceDisplayName())
        || pool.get().equals(event.resourceName());
  }
}
