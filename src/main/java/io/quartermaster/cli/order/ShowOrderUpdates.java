package io.quartermaster.cli.order;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.cli.CliException;
import io.quartermaster.cli.ClientJson;
import io.quartermaster.cli.ExitCodes;
import io.quartermaster.cli.ServiceClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Order progress from the API: ListOrders for the order's phase, then ShowOrder for its items (in
 * that order, so that a finished phase always comes with the final items), and while it is pending,
 * ShowPool for the reason it waits. Between two looks it waits for the order's event stream to say
 * that something changed ({@link OrderEventWakeups}), or polls every {@code interval} where the
 * service offers no stream.
 */
final class ShowOrderUpdates implements OrderUpdates {

  /**
   * How long a follower with an open stream waits for an event before it looks anyway: a wake-up
   * lost between two connections costs at most this much.
   */
  private static final Duration LIVE_SAFETY_NET = Duration.ofSeconds(5);

  private final ServiceClient client;
  private final Clock clock;
  private final Duration interval;
  private final OrderLookup lookup;

  ShowOrderUpdates(ServiceClient client, Clock clock, Duration interval) {
    this.client = client;
    this.clock = clock;
    this.interval = interval;
    this.lookup = new OrderLookup(client);
  }

  @Override
  public OrderState follow(String order, Instant deadline, Consumer<OrderState> onChange)
      throws InterruptedException {
    OrderSummary summary = lookup.find(order);
    try (OrderEventWakeups wakeups = new OrderEventWakeups(client, summary.name(), interval)) {
      return follow(summary, deadline, onChange, wakeups);
    }
  }

  private OrderState follow(
      OrderSummary summary,
      Instant deadline,
      Consumer<OrderState> onChange,
      OrderEventWakeups wakeups)
      throws InterruptedException {
    OrderState last = null;
    while (true) {
      summary = lookup.refresh(summary);
      OrderState state = new OrderState(summary, items(summary), note(summary));
      if (!state.equals(last)) {
        onChange.accept(state);
        last = state;
      }
      if (state.finished()) {
        return state;
      }
      Duration left = Duration.between(clock.instant(), deadline);
      if (left.isNegative() || left.isZero()) {
        throw new CliException(
            ExitCodes.TIMEOUT,
            "gave up waiting for order "
                + summary.name()
                + ": it is still "
                + summary.phase()
                + " ("
                + state.settled()
                + "/"
                + state.total()
                + " items done); qm orders watch "
                + summary.name()
                + " follows it again");
      }
      wakeups.await(left.compareTo(LIVE_SAFETY_NET) < 0 ? left : LIVE_SAFETY_NET);
    }
  }

  private List<OrderItem> items(OrderSummary summary) {
    JsonNode details = client.get(client.v1("orders", summary.name()));
    List<OrderItem> items = new ArrayList<>();
    details.path("items").forEach(item -> items.add(OrderItem.of(item)));
    return items;
  }

  /** Why a pending order waits, as its pool says; nothing once the pool is gone. */
  private Optional<String> note(OrderSummary summary) {
    if (!summary.pending()) {
      return Optional.empty();
    }
    ServiceClient.Response pool =
        client.send("GET", client.v2("pools", summary.poolName()), Map.of(), null, null);
    if (pool.status() != 200) {
      return Optional.empty();
    }
    return pool.json().flatMap(p -> ClientJson.text(p, "/status/message"));
  }
}
