package io.quartermaster.notify;

import io.quartermaster.event.EventLog;
import io.quartermaster.event.StreamEvent;
import io.quartermaster.metrics.WebhookDeliveryMetrics;
import io.quartermaster.metrics.WebhookDeliveryMetrics.Outcome;
import io.quartermaster.notify.SubscriptionDao.Attempt;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * One run of a subscription's delivery job: sends the events after its cursor, one at a time and in
 * order, until none is left, an attempt fails (the job comes back after the backoff) or the run has
 * had its share of time. The job is the only sender of its subscription, because db-scheduler gives
 * it to one instance at a time; the cursor is moved only from where this run read it, so even a run
 * that outlived its instance's heartbeat cannot move it twice.
 *
 * <p>Delivery is at least once: the cursor moves after the receiver's 2xx, so a crash in between
 * sends that event again, under the same id.
 */
final class DeliveryRunner {

  private static final System.Logger LOG = System.getLogger(DeliveryRunner.class.getName());

  /** Events read from the log at once. */
  static final int BATCH = 100;

  /** After this long a busy subscription lets the others on this instance have a turn. */
  static final Duration RUN_BUDGET = Duration.ofSeconds(10);

  private final Jdbi jdbi;
  private final SubscriptionDao dao;
  private final EventLog log;
  private final DeliverySender sender;
  private final NotifyConfig config;
  private final SecretSeal seal;
  private final WebhookDeliveryMetrics meters;
  private final Clock clock;

  DeliveryRunner(
      Jdbi jdbi,
      SubscriptionDao dao,
      DeliverySender sender,
      NotifyConfig config,
      SecretSeal seal,
      WebhookDeliveryMetrics meters,
      Clock clock) {
    this.jdbi = jdbi;
    this.dao = dao;
    this.log = new EventLog();
    this.sender = sender;
    this.config = config;
    this.seal = seal;
    this.meters = meters;
    this.clock = clock;
  }

  /**
   * Runs the subscription's deliveries. Answers when its job should run next (by db-scheduler's
   * system clock), or empty when the subscription is gone and its job can go too.
   */
  Optional<Instant> run(String subscriptionId) {
    Instant budget = Instant.now().plus(RUN_BUDGET);
    while (true) {
      Optional<SubscriptionRow> found = jdbi.withHandle(h -> dao.find(h, subscriptionId));
      if (found.isEmpty()) {
        return Optional.empty();
      }
      SubscriptionRow sub = found.get();
      List<StreamEvent> events =
          jdbi.withHandle(h -> log.after(h, sub.projectId(), sub.deliveredThrough(), BATCH));
      if (events.isEmpty()) {
        return Optional.of(Instant.now().plus(config.pollInterval()));
      }
      Optional<Instant> later = deliver(sub, events);
      if (later.isPresent()) {
        return later;
      }
      if (Instant.now().isAfter(budget)) {
        return Optional.of(Instant.now());
      }
    }
  }

  /**
   * Sends the events the filters let through, in order, moving the cursor past each one delivered
   * or given up, and past those left out. Answers a time when the job must stop and wait until
   * then: a failed attempt's backoff, or at once when the cursor is not where this run left it.
   */
  private Optional<Instant> deliver(SubscriptionRow sub, List<StreamEvent> events) {
    long cursor = sub.deliveredThrough();
    int failures = sub.attempts();
    // How far the events left out take the cursor; written before the next send, or at the end.
    long skipped = cursor;
    for (StreamEvent event : events) {
      if (!sub.wants(event)) {
        skipped = event.id();
        continue;
      }
      if (skipped != cursor) {
        if (!skip(sub, cursor, skipped)) {
          return Optional.of(Instant.now());
        }
        cursor = skipped;
      }
      Optional<Instant> wait = attempt(sub, cursor, failures, event);
      if (wait.isPresent()) {
        return wait;
      }
      cursor = event.id();
      skipped = cursor;
      failures = 0;
    }
    if (skipped != cursor && !skip(sub, cursor, skipped)) {
      return Optional.of(Instant.now());
    }
    return Optional.empty();
  }

  private boolean skip(SubscriptionRow sub, long from, long to) {
    return jdbi.withHandle(h -> dao.skip(h, sub.id(), from, to));
  }

  /**
   * One attempt at the event after {@code cursor}. Answers empty when the cursor moved past it
   * (delivered or dead-lettered), else when to come back.
   */
  private Optional<Instant> attempt(
      SubscriptionRow sub, long cursor, int failures, StreamEvent event) {
    int attempt = failures + 1;
    // Checked at every attempt, not only at creation: the operator may have narrowed the allowed
    // hosts since. A refused target is not retried, as nothing changes before a restart.
    String refusal = config.allowedHosts().refusal(sub.url());
    Optional<String> secret = seal.open(sub.id(), sub.sealedSecret());
    if (refusal == null && secret.isEmpty()) {
      refusal = "the secret does not open under the server key (was QM_SECRET_KEY changed?)";
    }
    long started = System.nanoTime();
    DeliverySender.Answer answer =
        refusal != null
            ? new DeliverySender.Answer(0, Optional.empty(), "not sent: " + refusal)
            : sender.send(
                URI.create(sub.url()),
                secret.get(),
                CloudEvent.body(sub.projectId(), event),
                attempt);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    Attempt last =
        new Attempt(clock.instant(), answer.status() == 0 ? null : answer.status(), answer.error());
    if (answer.delivered()) {
      meters.record(Outcome.DELIVERED, took);
      boolean moved = jdbi.withHandle(h -> dao.settle(h, sub.id(), cursor, event.id(), last));
      return moved ? Optional.empty() : Optional.of(Instant.now());
    }
    if (refusal != null || attempt >= config.maxAttempts()) {
      meters.record(Outcome.DEAD_LETTERED, took);
      LOG.log(
          Level.WARNING,
          "subscription {0}: event {1} dead-lettered after {2} attempt(s): {3}",
          sub.id(),
          CloudEvent.id(sub.projectId(), event.id()),
          attempt,
          answer.error());
      DeadLetter letter =
          new DeadLetter(
              event.id(),
              event.type(),
              event.orderName(),
              attempt,
              Optional.ofNullable(last.status()),
              answer.error(),
              last.at());
      boolean moved =
          jdbi.inTransaction(
              h -> {
                if (!dao.settle(h, sub.id(), cursor, event.id(), last)) {
                  return false;
                }
                dao.deadLetter(h, sub.id(), letter);
                return true;
              });
      return moved ? Optional.empty() : Optional.of(Instant.now());
    }
    meters.record(Outcome.FAILED, took);
    jdbi.useHandle(h -> dao.failed(h, sub.id(), cursor, attempt, last));
    return Optional.of(Instant.now().plus(Backoff.after(config, attempt, answer.retryAfter())));
  }
}
