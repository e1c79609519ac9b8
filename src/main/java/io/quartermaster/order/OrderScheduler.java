package io.quartermaster.order;

import org.jdbi.v3.core.Handle;

/**
 * Hands an order to the engine, inside the transaction that makes it ready to run, so that an order
 * is scheduled exactly when its state change commits.
 */
@FunctionalInterface
public interface OrderScheduler {

  void schedule(Handle transaction, long orderId);
}
