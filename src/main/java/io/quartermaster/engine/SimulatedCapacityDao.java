package io.quartermaster.engine;

import io.quartermaster.db.Sql;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/** SQL of the simulated provider: nodes it holds, per flavor and AZ. */
final class SimulatedCapacityDao {

  /** Serializes allocations of one flavor in one AZ until the transaction ends. */
  void lock(Handle h, String flavor, String az) {
    h.createQuery("select 1 from pg_advisory_xact_lock(hashtextextended(:key, 1))")
        .bind("key", flavor + "/" + az)
        .mapTo(Integer.class)
        .one();
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

  int inUse(Handle h, String flavor, String az) {
    return h.createQuery(
            """
            select count(*) from simulated_nodes
            where flavor = :flavor and az = :az and released_at is null
            """)
        .bind("flavor", flavor)
        .bind("az", az)
        .mapTo(Integer.class)
        .one();
  }

  void allocate(
      Handle h,
      String idempotencyKey,
      ProvisionRequest request,
      String flavor,
      String az,
      Instant now) {
    h.createUpdate(
            """
            insert into simulated_nodes (idempotency_key, node_name, project_id, pool_name,
              flavor, az, created_at)
            values (:k, :node, :project, :pool, :flavor, :az, :now)
            """)
        .bind("k", idempotencyKey)
        .bind("node", request.resourceName())
        .bind("project", request.projectId())
        .bind("pool", request.poolName())
        .bind("flavor", flavor)
        .bind("az", az)
        .bind("now", Sql.timestamp(now))
        .execute();
  }

  /** Releases a node; releasing it again changes nothing. */
  void release(Handle h, ProvisionRequest request, Instant now) {
    h.createUpdate(
            """
            update simulated_nodes set released_at = :now
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
