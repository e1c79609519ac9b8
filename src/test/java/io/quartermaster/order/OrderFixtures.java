package io.quartermaster.order;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quartermaster.flavor.FlavorCount;
import io.quartermaster.identity.Caller;
import io.quartermaster.identity.Role;
import io.quartermaster.json.Json;
import io.quartermaster.pool.PoolFixtures;
import io.quartermaster.pool.PoolPhase;
import io.quartermaster.pool.PoolRow;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Writes pools, orders and order items for tests of the read side that need orders in states and at
 * times of their choosing. They are written by the service's own DAOs: an order is inserted as
 * placing does it and then moved on by the same steps the engine takes.
 */
final class OrderFixtures {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final TypeReference<List<FlavorCount>> COUNTS = new TypeReference<>() {};
  static final String TWO_CPU = "modelarts.vm.cpu.2u.d";

  private final Jdbi jdbi;
  private final PoolFixtures pools;
  private final OrderLifecycleDao orders = new OrderLifecycleDao();

  OrderFixtures(Jdbi jdbi) {
    this.jdbi = jdbi;
    this.pools = new PoolFixtures(jdbi);
  }

  static String randomProjectId() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  static String random(String alphabet, int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return out.toString();
  }

  /** A running pool. */
  PoolRow pool(String projectId, String displayName, String workspaceId, Instant createdAt) {
    return pools.pool(projectId, displayName, workspaceId, PoolPhase.RUNNING, createdAt);
  }

  void markDeleted(PoolRow pool, Instant at) {
    pools.markDeleted(pool, at);
  }

  /** An order of {@code pool} to insert; defaults make a finished pay-per-use apply order. */
  OrderSpec order(PoolRow pool, Instant createdAt) {
    return new OrderSpec(pool, createdAt);
  }

  static String counts(String flavor, int count) {
    return """
        [{"flavor":"%s","count":%d,"maxCount":%d,"azs":[{"az":"az-1","count":%d}]}]"""
        .formatted(flavor, count, count, count);
  }

  final class OrderSpec {
    private final PoolRow pool;
    String orderName;
    String orderId =
        "CS" + random("0123456789", 10) + random("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 5);
    String workspaceId;
    OrderOperation operation = OrderOperation.APPLY;
    OrderPhase phase = OrderPhase.SUCCESSED;
    Billing billing = Billing.payPerUse();
    String initCount;
    String specCount = counts(TWO_CPU, 1);
    String resultCount = counts(TWO_CPU, 1);
    String failReason;
    boolean placerRecorded = true;
    Instant createdAt;
    Instant beginAt;
    Instant endAt;

    private OrderSpec(PoolRow pool, Instant createdAt) {
      this.pool = pool;
      this.orderName =
          "order." + pool.displayName() + "-" + random("abcdefghijklmnopqrstuvwxyz0123456789", 5);
      this.workspaceId = pool.workspaceId();
      this.createdAt = createdAt;
      this.beginAt = createdAt.plusSeconds(1);
      this.endAt = createdAt.plusSeconds(10);
    }

    OrderSpec name(String value) {
      orderName = value;
      return this;
    }

    OrderSpec operation(String value, String init, String spec) {
      operation = OrderOperation.fromWire(value);
      initCount = init;
      specCount = spec;
      return this;
    }

    /** Sets the phase with timestamps that fit it: pending has neither, processing no end. */
    OrderSpec phase(String value) {
      phase = OrderPhase.fromWire(value);
      if (phase == OrderPhase.PENDING) {
        beginAt = null;
      }
      if (phase == OrderPhase.PENDING || phase == OrderPhase.PROCESSING) {
        endAt = null;
      }
      return this;
    }

    OrderSpec failed(String reason) {
      phase = OrderPhase.FAILED;
      failReason = reason;
      return this;
    }

    OrderSpec yearly(String type, String num) {
      billing = new Billing(Billing.YEARLY_MONTHLY, Optional.of(type), Optional.of(num), false);
      return this;
    }

    OrderSpec workspace(String value) {
      workspaceId = value;
      return this;
    }

    /**
     * Leaves out who placed the order, as on orders from before placers were recorded; the service
     * itself always records them, so this one column pair is written by hand.
     */
    OrderSpec placerUnrecorded() {
      placerRecorded = false;
      return this;
    }

    /**
     * Inserts the order as placing does (pending, or processing), then takes it to its phase by the
     * engine's steps; returns it with its surrogate key.
     */
    Inserted insert() {
      // A pending order waits for something; here, as before approval, payment.
      Awaiting awaiting = new Awaiting(phase == OrderPhase.PENDING, false);
      var order =
          new NewOrder(
              pool.projectId(),
              pool.id(),
              pool.name(),
              pool.displayName(),
              workspaceId,
              operation,
              billing,
              Optional.ofNullable(initCount).map(OrderFixtures::parse),
              parse(specCount),
              parse(resultCount),
              List.of(),
              new Caller("f1" + "0".repeat(30), "fixture-user", pool.projectId(), Role.MEMBER));
      OrderDraft draft = new OrderDraft(order, orderName, orderId, awaiting, createdAt);
      long id =
          jdbi.inTransaction(
              h -> {
                long inserted = orders.insert(h, draft);
                if (phase != OrderPhase.PENDING) {
                  orders.markBegun(h, inserted, beginAt);
                }
                if (phase == OrderPhase.SUCCESSED || phase == OrderPhase.FAILED) {
                  orders.finish(h, inserted, phase, Optional.ofNullable(failReason), endAt);
                }
                if (!placerRecorded) {
                  forgetPlacer(h, inserted);
                }
                return inserted;
              });
      return new Inserted(id, orderName, orderId, createdAt);
    }
  }

  /** An inserted order: its surrogate key and the names a client asks for it by. */
  record Inserted(long id, String orderName, String orderId, Instant createdAt) {}

  /** Adds {@code items} to the order, all planned, as placing it does. */
  void items(Inserted order, PlannedItem... items) {
    jdbi.useTransaction(h -> orders.insertItems(h, order.id(), List.of(items)));
  }

  /**
   * Takes the planned item {@code seq} to {@code status} by the engine's steps: begun at {@code
   * beginAt}, and settled at {@code updatedAt} with {@code message} when it succeeded or failed.
   */
  void item(
      Inserted order,
      int seq,
      ItemStatus status,
      String message,
      Instant beginAt,
      Instant updatedAt) {
    jdbi.useTransaction(
        h -> {
          orders.startItem(h, order.id(), seq, beginAt);
          if (status == ItemStatus.SUCCEED || status == ItemStatus.FAILED) {
            orders.finishItem(h, order.id(), seq, status, Optional.ofNullable(message), updatedAt);
          }
        });
  }

  private static void forgetPlacer(Handle h, long id) {
    h.createUpdate(
            """
            update orders set created_by_user_id = null, created_by_user_name = null
            where id = :id
            """)
        .bind("id", id)
        .execute();
  }

  private static List<FlavorCount> parse(String json) {
    try {
      return Json.mapper().readValue(json, COUNTS);
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
