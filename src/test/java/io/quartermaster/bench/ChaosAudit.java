package io.quartermaster.bench;

import io.quartermaster.bench.ChaosProvider.Settlement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The end of a campaign: what the database holds, read directly, against what the service answered
 * (the workload's record) and what the provider did (its record of each idempotency key).
 */
final class ChaosAudit {

  private record Item(String key, String status, String action, String poolName) {}

  private ChaosAudit() {}

  static ChaosReport audit(
      Jdbi db, ChaosWorkload workload, ChaosProvider provider, ChaosKiller killer) {
    return db.withHandle(
        h -> {
          List<ChaosWorkload.Placed> placed = workload.placed();
          Set<String> named = new HashSet<>();
          Map<String, Integer> byOperation = new TreeMap<>();
          placed.forEach(
              p -> {
                named.add(p.orderName());
                byOperation.merge(p.operation(), 1, Integer::sum);
              });
          Map<String, String> phases = new HashMap<>();
          h.createQuery("select order_name, phase from orders")
              .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
              .forEach(e -> phases.put(e.getKey(), e.getValue()));
          int lost = (int) named.stream().filter(n -> !phases.containsKey(n)).count();
          int unnamed = (int) phases.keySet().stream().filter(n -> !named.contains(n)).count();
          Map<String, Settlement> settled = provider.settled();
          List<Item> items = items(h);
          List<String> findings = new java.util.ArrayList<>();
          named.stream()
              .filter(n -> !phases.containsKey(n))
              .forEach(n -> findings.add("lost: " + n));
          return new ChaosReport(
              killer.rounds(),
              killer.kills(),
              killer.killsWithOrdersInFlight(),
              placed.size(),
              byOperation,
              phaseCount(phases, "successed"),
              phaseCount(phases, "failed"),
              failReasons(h),
              workload.refused(),
              lost,
              count(
                  h,
                  """
                  select count(*) from (
                    select order_name, payload ->> 'seq' from order_events
                    where kind in ('item.succeed', 'item.failed')
                    group by 1, 2 having count(*) > 1) twice
                  """),
              resourcesUnderTwoKeys(settled, findings),
              provider.overlappingDeliveries(),
              disagreements(items, settled, findings),
              nodeCountMismatches(h, items, settled, findings),
              count(h, "select count(*) from orders where phase in ('pending', 'processing')")
                  + count(h, "select count(*) from order_items where status = 'processing'")
                  + count(h, "select count(*) from scheduled_tasks where task_name = 'run-order'"),
              unnamed,
              provider.deliveries(),
              provider.redeliveredKeys(),
              provider.transientFailures(),
              workload.resent(),
              workload.errors(),
              findings);
        });
  }

  private static List<Item> items(Handle h) {
    return h.createQuery(
            """
            select o.order_id || '-' || i.seq, i.status, i.action, o.resource_name
            from order_items i join orders o on o.id = i.order_id
            """)
        .map(
            (rs, ctx) ->
                new Item(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
        .list();
  }

  private static int phaseCount(Map<String, String> phases, String phase) {
    return (int) phases.values().stream().filter(phase::equals).count();
  }

  /** Fail reasons with the generated names masked, so that equal causes group together. */
  private static Map<String, Integer> failReasons(Handle h) {
    Map<String, Integer> reasons = new TreeMap<>();
    h.createQuery("select fail_reason from orders where phase = 'failed'")
        .mapTo(String.class)
        .forEach(
            reason ->
                reasons.merge(
                    String.valueOf(reason)
                        .replaceAll("os-node-created-[a-z0-9]{5}", "os-node-created-*")
                        .replaceAll("chaos-\\d+-[0-9a-f]{32}", "chaos-*"),
                    1,
                    Integer::sum));
    return reasons;
  }

  /**
   * Changes the provider carried out under more than one key. Only successes count: a node whose
   * deletion failed is rightly deleted again by a later order, under that order's key.
   */
  private static int resourcesUnderTwoKeys(Map<String, Settlement> settled, List<String> findings) {
    Map<String, List<String>> keys = new TreeMap<>();
    settled.forEach(
        (key, s) -> {
          if (s.succeeded()) {
            keys.computeIfAbsent(
                    s.action() + " " + s.poolName() + " " + s.resourceName(),
                    k -> new java.util.ArrayList<>())
                .add(key);
          }
        });
    int twice = 0;
    for (Map.Entry<String, List<String>> entry : keys.entrySet()) {
      if (entry.getValue().size() > 1) {
        twice++;
        findings.add("carried out under keys " + entry.getValue() + ": " + entry.getKey());
      }
    }
    return twice;
  }

  /**
   * An item that succeeded must have been carried out by the provider; one that failed or never ran
   * must not have been (a node made for a failed item is capacity nobody knows of); and the
   * provider must have done nothing no item asked for.
   */
  private static int disagreements(
      List<Item> items, Map<String, Settlement> settled, List<String> findings) {
    int contradicted = 0;
    Set<String> keys = new HashSet<>();
    for (Item item : items) {
      keys.add(item.key());
      Settlement done = settled.get(item.key());
      boolean providerSucceeded = done != null && done.succeeded();
      boolean itemSucceeded = item.status().equals("succeed");
      if (providerSucceeded != itemSucceeded && !item.status().equals("processing")) {
        contradicted++;
        findings.add("item " + item.key() + " is " + item.status() + ", the provider: " + done);
      }
    }
    for (String key : settled.keySet()) {
      if (!keys.contains(key)) {
        contradicted++;
        findings.add("the provider settled " + key + ", which no item names: " + settled.get(key));
      }
    }
    return contradicted;
  }

  /** Pools whose nodes disagree with their items' creations and deletions or with the provider. */
  private static int nodeCountMismatches(
      Handle h, List<Item> items, Map<String, Settlement> settled, List<String> findings) {
    Map<String, Integer> stored = new HashMap<>();
    h.createQuery(
            """
            select p.name, count(n.name) from pools p left join nodes n on n.pool_id = p.id
            group by p.id, p.name
            """)
        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getInt(2)))
        .forEach(e -> stored.merge(e.getKey(), e.getValue(), Integer::sum));
    Map<String, Integer> byItems = new HashMap<>();
    for (Item item : items) {
      if (item.status().equals("succeed")) {
        byItems.merge(item.poolName(), delta(item.action()), Integer::sum);
      }
    }
    Map<String, Integer> byProvider = new HashMap<>();
    settled
        .values()
        .forEach(
            s -> {
              if (s.succeeded()) {
                byProvider.merge(s.poolName(), delta(s.action()), Integer::sum);
              }
            });
    Set<String> pools = new HashSet<>(stored.keySet());
    pools.addAll(byItems.keySet());
    pools.addAll(byProvider.keySet());
    int mismatches = 0;
    for (String pool : pools) {
      int nodes = stored.getOrDefault(pool, 0);
      int itemCount = byItems.getOrDefault(pool, 0);
      int provided = byProvider.getOrDefault(pool, 0);
      if (nodes != itemCount || nodes != provided) {
        mismatches++;
        findings.add(
            pool
                + ": "
                + nodes
                + " nodes, "
                + itemCount
                + " by its items, "
                + provided
                + " provided");
      }
    }
    return mismatches;
  }

  private static int delta(String action) {
    return switch (action) {
      case "createNode" -> 1;
      case "deleteNode" -> -1;
      default -> 0;
    };
  }

  private static int count(Handle h, String sql) {
    return h.createQuery(sql).mapTo(Integer.class).one();
  }
}
