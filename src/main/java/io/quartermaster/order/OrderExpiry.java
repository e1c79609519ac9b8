package io.quartermaster.order;

import io.quartermaster.order.PendingOrderFailure.PoolAfter;
import io.quartermaster.pool.NodeDao;
import io.quartermaster.pool.PoolDao;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Fails orders that stayed pending longer than the configured timeout (CONTRACT §4), with a {@code
 * failReason} that says what never came: "Not paid within 7 days.". Runs as a recurring job; each
 * batch is one transaction, so a crash loses at most the batch in hand, which the next run takes up
 * again.
 */
public final class OrderExpiry {

  private final Jdbi jdbi;
  private final PendingOrderDao orders = new PendingOrderDao();
  private final OrderEventLog events;
  private final PendingOrderFailure failure;
  private final Duration timeout;
  private final int batchSize;
  private final Clock clock;

  public OrderExpiry(
      Jdbi jdbi,
      OrderEventLog events,
      PoolDao pools,
      NodeDao nodes,
      OrderConfig config,
      Clock clock) {
    this(jdbi, events, pools, nodes, config.pendingTimeout(), config.sweepBatchSize(), clock);
  }

  OrderExpiry(
      Jdbi jdbi,
      OrderEventLog events,
      PoolDao pools,
      NodeDao nodes,
      Duration timeout,
      int batchSize,
      Clock clock) {
    this.jdbi = jdbi;
    this.events = events;
    this.failure = new PendingOrderFailure(orders, events, pools, nodes);
    this.timeout = timeout;
    this.batchSize = batchSize;
    this.clock = clock;
  }

  /** Fails every order pending for longer than the timeout; returns how many it failed. */
  public int expireDue() {
    int total = 0;
    int expired;
    do {
      expired = expireBatch();
      total += expired;
    } while (expired == batchSize);
    return total;
  }

  /** Fails at most one batch of overdue orders, in one transaction; returns how many. */
  int expireBatch() {
    return jdbi.inTransaction(
        h -> {
          Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
          List<PendingOrderRow> due = orders.lockExpired(h, now.minus(timeout), batchSize);
          for (PendingOrderRow order : due) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("awaitingPayment", order.awaiting().payment());
            payload.put("awaitingApproval", order.awaiting().approval());
            payload.put("timeout", timeout.toString());
            events.append(h, order.projectId(), order.orderName(), "order.expired", payload, now);
            failure.fail(h, order, failReason(order.awaiting()), PoolAfter.FAILED, now);
          }
          return due.size();
        });
  }

  /** "Not paid within 7 days.", "Not approved within …" or "Not paid and not approved within …". */
  String failReason(Awaiting awaiting) {
    String what =
        awaiting.payment() && awaiting.approval()
            ? "paid and not approved"
            : awaiting.payment() ? "paid" : "approved";
    return "Not " + what + " within " + ReadableDuration.of(timeout) + ".";
  }
}
