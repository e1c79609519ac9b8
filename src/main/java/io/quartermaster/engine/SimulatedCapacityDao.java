package io.quartermaster.engine;

import io.quartermaster.db.Sql;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/** SQL of the simulated provider: nodes it holds, per flavor and AZ. */
final class SimulatedCapacityDao {

  /**
   * Makes sure every flavor and AZ has its count of nodes in use, so that an allocation always
   * finds the row it locks.
   */
  void seed(Handle h, String flavor, String az) {
    h.createUpdate(
            """
            insert into simulated_capacity (flavor, az, in_use) values (:flavor, :az, 0)
            on conflict (flavor, az) do nothing
            """)
        .bind("flavor", flavor)
        .bind("az", az)
        .execute();
  }

  boolean allocated(Handle h, String idempotencyKey) {
    return h.createQuery("select exists (select 1 from simulated_nodes where idempotency_key = :k)")
        .bind("k", idempotencyKey)
        .mapTo(Boolean.class)
        .one();
  }

  /** Whether the node named by {@code request} holds capacity. */
  boolean holds(Handle h, ProvisionRequest request) {
    return h.createQuery(
            """
            select exists (select 1 from simulated_nodes
              where project_id = :project and pool_name = :pool and node_name = :node
                and released_at is null)
            """)
        .bind("project", request.projectId())
        .bind("pool", request.poolName())
        .bind("node", request.resourceName())
        .mapTo(Boolean.class)
        .one();
  }

  /**
   * Allocates a node of {@code flavor} in {@code az} under {@code idempotencyKey} if fewer than
   * {@code limit} are in use; answers whether it did (false also when the key holds one already).
   *
   * <p>One statement, committed on its own: the flavor's count is locked (and then raised by the
   * table's trigger) only while the database runs it, never across a round trip to the service. It
   * commits without waiting for its WAL to reach the disk ({@code set_config(...)} applies to its
   * own transaction only), which is safe because the engine records an item only after the provider
   * answered, in a transaction that does wait: PostgreSQL flushes the WAL in order, so once the
   * engine's record is durable this change is too, and a database crash that loses this change
   * loses the engine's record of it with it, so the item is carried out again. Waiting here would
   * hold the flavor's lock through a disk flush: one allocation per flush.
   */
  boolean allocate(
      Handle h,
      String idempotencyKey,
      ProvisionRequest request,
      String flavor,
      String az,
      int limit,
      Instant now) {
    return h.createQuery(
            """
            insert into simulated_nodes (idempotency_key, node_name, project_id, pool_name,
              flavor, az, created_at)
            select :k, :node, :project, :pool, :flavor, :az, :now
            from (select set_config('synchronous_commit', 'off', true)) as async_commit
            where (select in_use from simulated_capacity
                   where flavor = :flavor and az = :az for update) < :limit
            on conflict (idempotency_key) do nothing
            returning idempotency_key
            """)
        .bind("k", idempotencyKey)
        .bind("node", request.resourceName())
        .bind("project", request.projectId())
        .bind("pool", request.poolName())
        .bind("flavor", flavor)
        .bind("az", az)
        .bind("limit", limit)
        .bind("now", Sql.timestamp(now))
        .mapTo(String.class)
        .findOne()
        .isPresent();
  }

  /**
   * Releases a node, in one statement committed on its own and without waiting for the disk, for
   * the reasons {@link #allocate} gives; releasing it again changes nothing.
   */
  void release(Handle h, ProvisionRequest request, Instant now) {
    h.createUpdate(
            """
            update simulated_nodes set released_at = :now
            from (select set_config('synchronous_commit', 'off', true)) as async_commit
            where project_id = :project and pool_name = :pool and node_name = :node
              and released_at is null
            """)
        .bind("project", request.projectId())
        .bind("pool", request.poolName())
        .bind("node", request.resourceName())
        .bind("now", Sql.timestamp(now))
        .execute();
  }

  /** Releases the node allocated under {@code idempotencyKey}, if any. */
  void releaseKey(Handle h, String idempotencyKey, Instant now) {
    h.createUpdate(
            """
            update simulated_nodes set released_at = :now
            where idempotency_key = :k and released_at is null
            """)
        .bind("k", idempotencyKey)
        .bind("now", Sql.timestamp(now))
        .execute();
  }

  /** Makes the node named by {@code request} hold capacity again, if it was released. */
  void restore(Handle h, ProvisionRequest request) {
    h.createUpdate(
            """
            update simulated_nodes set released_at = null
            where idempotency_key = (
                select idempotency_key from simulated_nodes
                where project_id = :project and pool_name = :pool and node_name = :node
                order by created_at desc limit 1)
              and released_at is not null
            """)
        .bind("project", request.projectId())
        .bind("pool", request.poolName())
        .bind("node", request.resourceName())
        .execute();
  }
}
