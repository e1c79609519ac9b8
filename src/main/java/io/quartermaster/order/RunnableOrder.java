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
    String phase) {

  public static final String PENDING = "pending";
  public static final String PROCESSING = "processing";
  public static final String SUCCESSED = "successed";
  public static final String FAILED = "failed";

  public boolean finished() {
    return SUCCESSED.equals(phase) || FAILED.equals(phase);
  }
}
