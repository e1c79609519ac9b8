package io.quartermaster.engine;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * What the simulated provider holds ({@code simulated_nodes} not released) and what the engine
 * recorded ({@code nodes}), read with SQL, so tests can check that one matches the other.
 */
final class CapacityLedger {

  /** A node by its pool, with where it sits. */
  record Node(String projectId, String poolName, String name, String flavor, String az) {}

  /** Nodes per flavor and AZ. */
  record Usage(String flavor, String az, int count) {}

  private final Jdbi jdbi;

  CapacityLedger(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Nodes holding capacity; of one pool when {@code poolName} is given. */
  List<Node> held(Optional<String> poolName) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    """
                    select project_id, pool_name, node_name, flavor, az from simulated_nodes
                    where released_at is null and (cast(:pool as text) is null or pool_name = :pool)
                    order by project_id, pool_name, node_name
                    """)
                .bind("pool", poolName.orElse(null))
                .map(
                    (rs, ctx) ->
                        new Node(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5)))
                .list());
  }

  /** Nodes the engine recorded as existing; of one pool when {@code poolName} is given. */
  List<Node> recorded(Optional<String> poolName) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    """
                    select p.project_id, p.name, n.name, n.flavor, n.az
                    from nodes n join pools p on p.id = n.pool_id
                    where (cast(:pool as text) is null or p.name = :pool)
                    order by p.project_id, p.name, n.name
                    """)
                .bind("pool", poolName.orElse(null))
                .map(
                    (rs, ctx) ->
                        new Node(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5)))
                .list());
  }

  /** Capacity used per flavor and AZ. */
  List<Usage> used() {
    return usage(
        """
        select flavor, az, count(*) from simulated_nodes where released_at is null
        group by flavor, az order by flavor, az
        """);
  }

  /** Nodes that exist per flavor and AZ. */
  List<Usage> existing() {
    return usage("select flavor, az, count(*) from nodes group by flavor, az order by flavor, az");
  }

  /** Allocations ever made for one node, released or not: more than one is a double allocation. */
  int allocations(String poolName, String nodeName) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select count(*) from simulated_nodes where pool_name = :p and node_name = :n")
                .bind("p", poolName)
                .bind("n", nodeName)
                .mapTo(Integer.class)
                .one());
  }

  private List<Usage> usage(String sql) {
    return jdbi.withHandle(
        h ->
            h.createQuery(sql)
                .map((rs, ctx) -> new Usage(rs.getString(1), rs.getString(2), rs.getInt(3)))
                .list());
  }
}
