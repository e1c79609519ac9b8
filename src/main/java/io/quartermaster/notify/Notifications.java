package io.quartermaster.notify;

import io.helidon.webserver.http.HttpService;
import io.quartermaster.identity.AccessControl;
import io.quartermaster.identity.ServerKey;
import io.quartermaster.metrics.WebhookDeliveryMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * Outgoing notifications of one instance: the subscriptions API and the delivery jobs that send
 * each subscription the project's events as signed CloudEvents.
 */
public final class Notifications implements AutoCloseable {

  private final DeliveryJobs jobs;
  private final Subscriptions subscriptions;

  private Notifications(DeliveryJobs jobs, Subscriptions subscriptions) {
    this.jobs = jobs;
    this.subscriptions = subscriptions;
  }

  /**
   * @param serverKey what subscriptions' secrets are sealed under; without one, subscriptions
   *     cannot be created
   * @param heartbeatInterval how often a running delivery job says it is alive; a job whose
   *     instance stayed silent for {@code missedHeartbeats} intervals is taken over by another
   */
  public static Notifications create(
      DataSource dataSource,
      Jdbi jdbi,
      NotifyConfig config,
      Optional<ServerKey> serverKey,
      Duration heartbeatInterval,
      int missedHeartbeats,
      WebhookDeliveryMetrics meters,
      Clock clock) {
    SubscriptionDao dao = new SubscriptionDao();
    SecretSeal seal = new SecretSeal(serverKey);
    DeliveryRunner runner =
        new DeliveryRunner(
            jdbi, dao, new DeliverySender(config.timeout(), clock), config, seal, meters, clock);
    DeliveryJobs jobs =
        new DeliveryJobs(dataSource, runner, config, heartbeatInterval, missedHeartbeats);
    return new Notifications(jobs, new Subscriptions(jdbi, dao, config, jobs, seal, clock));
  }

  public HttpService api(AccessControl access) {
    return new SubscriptionApi(access, subscriptions);
  }

  /** Starts sending, including what a crashed instance left unsent. */
  public void start() {
    jobs.start();
  }

  /** Stops sending; an attempt under way is given a few seconds to end. */
  @Override
  public void close() {
    jobs.close();
  }
}
