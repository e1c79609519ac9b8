package io.quartermaster.engine.webhook;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.quartermaster.engine.ProvisionRequest;
import io.quartermaster.json.Json;
import io.quartermaster.order.ItemAction;
import java.util.Optional;

/**
 * The JSON body posted for one order item; the operator's side of the contract, documented in
 * {@code docs/webhook-provider.md}. Fields are only ever added, and absent ones are omitted. It is
 * the same on every attempt at an item, so an endpoint may also compare bodies under one key.
 *
 * @param flavor and {@code az}: present for {@code createNode} only
 * @param abandon {@code true} on the request that hands an item back after Quartermaster gave up on
 *     it (its answers never arrived in time): undo whatever was done under the key
 */
@JsonPropertyOrder({
  "idempotencyKey",
  "action",
  "projectId",
  "poolName",
  "resourceName",
  "flavor",
  "az",
  "abandon"
})
record WebhookPayload(
    String idempotencyKey,
    ItemAction action,
    String projectId,
    String poolName,
    String resourceName,
    Optional<String> flavor,
    Optional<String> az,
    Optional<Boolean> abandon) {

  static WebhookPayload of(ProvisionRequest request) {
    return new WebhookPayload(
        request.idempotencyKey(),
        request.action(),
        request.projectId(),
        request.poolName(),
        request.resourceName(),
        request.flavor(),
        request.az(),
        Optional.empty());
  }

  /** The same item, handed back: the endpoint undoes what it did under the key, if anything. */
  WebhookPayload abandoned() {
    return new WebhookPayload(
        idempotencyKey, action, projectId, poolName, resourceName, flavor, az, Optional.of(true));
  }

  byte[] toJson() {
    try {
      return Json.mapper().writeValueAsBytes(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a webhook payload is always serializable", e);
    }
  }
}
