package io.quartermaster.cli.order;

import io.quartermaster.cli.ServiceClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Where {@code qm orders watch} and every {@code --wait} get an order's progress from: ShowOrder
 * and ListOrders, looked at again as soon as the order's event stream says something changed, or
 * polled where the service offers no stream. Another source can take its place in {@link #of}
 * without any command changing.
 */
public interface OrderUpdates {

  /**
   * Hands {@code onChange} the order's state now and after every change, until the order has
   * finished; answers the last state.
   *
   * @param order the order's name or id
   * @throws io.quartermaster.cli.CliException with exit status {@code TIMEOUT} when {@code
   *     deadline} passes first, or of its class when the service refuses
   */
  OrderState follow(String order, Instant deadline, Consumer<OrderState> onChange)
      throws InterruptedException;

  /** The source to use against {@code client}'s service. */
  static OrderUpdates of(ServiceClient client, Clock clock) {
    return new ShowOrderUpdates(client, clock, Duration.ofMillis(500));
  }
}
