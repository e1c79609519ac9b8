package io.quartermaster.order;

import io.helidon.webserver.http.HttpService;
import io.quartermaster.db.ServerKeys;
import io.quartermaster.identity.AccessControl;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The order feature's parts that the composition root wires in: its HTTP APIs and its two
 * housekeeping jobs. Placing orders ({@link OrderPlacement}) and carrying them out ({@link
 * OrderProgress}) are built by their users.
 */
public final class Orders {

  private Orders() {}

  /**
   * ListOrders and ShowOrder with the marker and the export, and the pay, approve, reject and
   * cancel extensions.
   */
  public static List<HttpService> httpServices(
      Jdbi jdbi,
      AccessControl access,
      OrderConfig config,
      PoolEffects pools,
      OrderScheduler scheduler,
      Clock clock) {
    return List.of(
        new OrderApi(
            access,
            new OrderQueryService(
                jdbi, config, clock, ServerKeys.forPurpose(jdbi, "list-marker", clock.instant()))),
        new OrderActionsApi(access, new OrderActions(jdbi, pools, scheduler, clock)));
  }

  /** Fails the orders pending longer than the configured timeout, in bounded batches. */
  public static Runnable expiry(Jdbi jdbi, PoolEffects pools, OrderConfig config, Clock clock) {
    OrderExpiry expiry = new OrderExpiry(jdbi, pools, config, clock);
    return expiry::expireDue;
  }

  /** Purges finished orders older than the retention period, then the pools none names. */
  public static Runnable retention(Jdbi jdbi, PoolEffects pools, OrderConfig config, Clock clock) {
    OrderRetention retention = new OrderRetention(jdbi, pools, config, clock);
    return retention::purge;
  }

  /**
   * Folds the per-connection rows of the orders' day counts into one per key, which keeps
   * ListOrders' count reading a few rows per day.
   */
  public static Runnable dayCountFolding(Jdbi jdbi, OrderConfig config) {
    OrderDayCounts counts = new OrderDayCounts(jdbi, config.sweepBatchSize());
    return counts::fold;
  }
}
