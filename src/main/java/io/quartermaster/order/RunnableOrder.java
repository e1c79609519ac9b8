package io.quartermaster.order;

import java.util.UUID;

/** The parts of an order that the engine needs to carry it out. */
public record RunnableOrder(
    long id,
    String projectId,
    String orderName,
    String orderId,
    UUID poolId,
    String resourceName,
    OrderOperation operation,
    OrderPhase phase) {

  PoolOrder poolOrder() {
    return new PoolOrder(poolId, orderName, operation);
  }
}
