package io.quartermaster.order;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Writes pools, orders and order items straight into the database, for tests of the read side that
 * need orders in states and at times of their choosing.
 */
final class OrderFixtures {

  private static final SecureRandom RANDOM = new SecureRandom();
  static final String TWO_CPU = "modelarts.vm.cpu.2u.d";

  private final Jdbi jdbi;

  OrderFixtures(Jdbi jdbi) {
    this.jdbi = jdbi;
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

  /** A pool row as the fixtures wrote it. */
  record Pool(UUID id, String projectId, String name, String displayName, String workspaceId) {}

  Pool pool(String projectId, String displayName, String workspaceId, Instant createdAt) {
    Pool pool =
        new Pool(
            UUID.randomUUID(), projectId, displayName + "-" + projectId, displayName, workspaceId);
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    """
                    insert into pools (id, project_id, name, display_name, workspace_id, phase,
                                       manifest, created_at)
                    values (:id, :projectId, :name, :displayName, :workspaceId, 'Running',
                            '{}'::jsonb, :createdAt)
                    """)
                .bind("id", pool.id())
                .bind("projectId", projectId)
                .bind("name", pool.name())
                .bind("displayName", displayName)
                .bind("workspaceId", workspaceId)
                .bind("createdAt", utc(createdAt))
                .execute());
    return pool;
  }

  void markDeleted(Pool pool, Instant at) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "update pools set deleted_at = :at, deletion_requested_at = :at where id = :id")
                .bind("at", utc(at))
                .bind("id", pool.id())
                .execute());
  }

  /** An order of {@code pool} to insert; defaults make a finished pay-per-use apply order. */
  NewOrder order(Pool pool, Instant createdAt) {
    return new NewOrder(pool, createdAt);
  }

  static String counts(String flavor, int count) {
    return """
        [{"flavor":"%s","count":%d,"maxCount":%d,"azs":[{"az":"az-1","count":%d}]}]"""
        .formatted(flavor, count, count, count);
  }

  final class NewOrder {
    private final Pool pool;
    String orderName;
    String orderId =
        "CS" + random("0123456789", 10) + random("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 5);
    String workspaceId;
    String operation = "apply";
    String phase = "successed";
    String billingMode = "0";
    String periodType;
    String periodNum;
    String initCount;
    String specCount = counts(TWO_CPU, 1);
    String resultCount = counts(TWO_CPU, 1);
    String failReason;
    Instant createdAt;
    Instant beginAt;
    Instant endAt;

    private NewOrder(Pool pool, Instant createdAt) {
      this.pool = pool;
      this.orderName =
          "order." + pool.displayName() + "-" + random("abcdefghijklmnopqrstuvwxyz0123456789", 5);
      this.workspaceId = pool.workspaceId();
      this.createdAt = createdAt;
      this.beginAt = createdAt.plusSeconds(1);
      this.endAt = createdAt.plusSeconds(10);
    }

    NewOrder name(String value) {
      orderName = value;
      return this;
    }

    NewOrder operation(String value, String init, String spec) {
      operation = value;
      initCount = init;
      specCount = spec;
      return this;
    }

    /** Sets the phase with timestamps that fit it: pending has neither, processing no end. */
    NewOrder phase(String value) {
      phase = value;
      if (value.equals("pending")) {
        beginAt = null;
      }
      if (value.equals("pending") || value.equals("processing")) {
        endAt = null;
      }
      return this;
    }

    NewOrder failed(String reason) {
      phase = "failed";
      failReason = reason;
      return this;
    }

    NewOrder yearly(String type, String num) {
      billingMode = "1";
      periodType = type;
      periodNum = num;
      return this;
    }

    NewOrder workspace(String value) {
      workspaceId = value;
      return this;
    }

    /** Inserts the order and returns it as stored, with its surrogate key. */
    Inserted insert() {
      long id =
          jdbi.withHandle(
              h ->
                  h.createQuery(
                          """
                          insert into orders (project_id, order_name, order_id, pool_id,
                              resource_name, resource_display_name, workspace_id, operation, phase,
                              billing_mode, period_type, period_num, init_count, spec_count,
                              result_count, fail_reason, created_at, begin_at, end_at,
                              awaiting_payment)
                          values (:projectId, :orderName, :orderId, :poolId, :resourceName,
                              :displayName, :workspaceId, :operation, :phase, :billingMode,
                              :periodType, :periodNum, cast(:initCount as jsonb),
                              cast(:specCount as jsonb), cast(:resultCount as jsonb), :failReason,
                              :createdAt, :beginAt, :endAt, :awaitingPayment)
                          returning id
                          """)
                      .bind("projectId", pool.projectId())
                      .bind("orderName", orderName)
                      .bind("orderId", orderId)
                      .bind("poolId", pool.id())
                      .bind("resourceName", pool.name())
                      .bind("displayName", pool.displayName())
                      .bind("workspaceId", workspaceId)
                      .bind("operation", operation)
                      .bind("phase", phase)
                      .bind("billingMode", billingMode)
                      .bind("periodType", periodType)
                      .bind("periodNum", periodNum)
                      .bind("initCount", initCount)
                      .bind("specCount", specCount)
                      .bind("resultCount", resultCount)
                      .bind("failReason", failReason)
                      .bind("createdAt", utc(createdAt))
                      .bind("beginAt", utc(beginAt))
                      .bind("endAt", utc(endAt))
                      // A pending order waits for something; here, as before approval, payment.
                      .bind("awaitingPayment", phase.equals("pending"))
                      .mapTo(Long.class)
                      .one());
      return new Inserted(id, orderName, orderId, createdAt);
    }
  }

  /** An inserted order: its surrogate key and the names a client asks for it by. */
  record Inserted(long id, String orderName, String orderId, Instant createdAt) {}

  void item(
      Inserted order,
      int seq,
      String action,
      String resourceName,
      String status,
      String message,
      Instant beginAt,
      Instant updatedAt) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    """
                    insert into order_items (order_id, seq, action, resource_name, status, message,
                                             begin_at, updated_at)
                    values (:orderId, :seq, :action, :resourceName, :status, :message, :beginAt,
                            :updatedAt)
                    """)
                .bind("orderId", order.id())
                .bind("seq", seq)
                .bind("action", action)
                .bind("resourceName", resourceName)
                .bind("status", status)
                .bind("message", message)
                .bind("beginAt", utc(beginAt))
                .bind("updatedAt", utc(updatedAt))
                .execute());
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
