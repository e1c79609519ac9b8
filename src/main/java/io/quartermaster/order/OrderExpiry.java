package io.quartermaster.order;

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
final class OrderExpiry {

  private final Jdbi jdbi;
  private final PendingOrderDao orders = new PendingOrderDao();
  private final OrderEventLog events = new OrderEventLog();
  private final PendingOrderFailure failure;
  private final Duration timeout;
  private final int batchSize;
  private final Clock clock;

  OrderExpiry(Jdbi jdbi, PoolEffects pools, OrderConfig config, Clock clock) {
    this(jdbi, pools, config.pendingTimeout(), config.sweepBatchSize(), clock);
  }

  OrderExpiry(Jdbi jdbi, PoolEffects pools, Duration timeout, int batchSize, Clock clock) {
    this.jdbi = jdbi;
    this.failure = new PendingOrderFailure(pools);
    this.timeout = timeout;
    this.batchSize = batchSize;
    this.clock = clock;
  }

  /** Fails every order pending for longer than the timeout; returns how many it failed. */
  int expireDue() {
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
            failure.fail(h, order, failReason(order.awaiting()), now);
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
