package io.quartermaster.app;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * A fingerprint of everything a request could change, read straight from the service's database in
 * one query: per table, the number of rows and a hash over their full text, and each stored
 * idempotency answer on its own. The tables are read for the watched projects only (other tests'
 * orders may still be moving in the same database), and the row counts of pools, orders and keys in
 * all other projects, which nothing but a request changes, for the rest.
 */
record StateSnapshot(Map<String, String> tables) {

  /** The prefix of an entry that is one stored idempotency answer: project, key. */
  static final String KEY_PREFIX = "idempotency key ";

  private static final String FINGERPRINT =
      // An order-free sum of row hashes: no sort and no long string, so a snapshot stays cheap
      // as the fuzzed projects fill with orders and events.
      "select '%s', count(*) || ' rows, hash ' || coalesce(sum(hashtextextended(t::text, 0)), 0)"
          + " from %s";

  private static final List<String> SOURCES =
      List.of(
          "pools|pools t where t.project_id::text = any(:projects)",
          "nodes|nodes t join pools p on p.id = t.pool_id where p.project_id::text = any(:projects)",
          "orders|orders t where t.project_id::text = any(:projects)",
          "order_items|order_items t join orders o on o.id = t.order_id"
              + " where o.project_id::text = any(:projects)",
          "order_events|order_events t where t.project_id::text = any(:projects)",
          "order_event_counters|order_event_counters t where t.project_id::text = any(:projects)",
          "order_event_horizons|order_event_horizons t where t.project_id::text = any(:projects)",
          "simulated_nodes|simulated_nodes t where t.project_id::text = any(:projects)");

  private static final String ELSEWHERE =
      """
      select 'row counts in other projects',
        (select count(*) from pools where project_id::text <> all(:projects)) || ' pools, '
        || (select count(*) from orders where project_id::text <> all(:projects)) || ' orders, '
        || (select count(*) from idempotency_keys where project_id::text <> all(:projects))
        || ' keys'
      """;

  private static final String KEYS =
      "select '"
          + KEY_PREFIX
          + "' || t.project_id || ' ' || t.idempotency_key, t.status || ' ' || md5(t::text)"
          + " from idempotency_keys t where t.project_id::text = any(:projects)";

  private static final String QUERY =
      SOURCES.stream()
              .map(source -> source.split("\\|", 2))
              .map(parts -> FINGERPRINT.formatted(parts[0], parts[1]))
              .collect(Collectors.joining("\nunion all\n", "", "\nunion all\n" + ELSEWHERE))
          + "\nunion all\n"
          + KEYS;

  static StateSnapshot take(Jdbi jdbi, List<String> projects) {
    Map<String, String> tables = new TreeMap<>();
    jdbi.useHandle(
        handle ->
            handle
                .createQuery(QUERY)
                .bindArray("projects", String.class, projects)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                .forEach(row -> tables.put(row.getKey(), row.getValue())));
    return new StateSnapshot(tables);
  }

  /**
   * How this snapshot differs from {@code before}, one line per changed table or key; empty if
   * none. A refused request may leave one change (README, idempotency keys): its own answer, with
   * its status, stored under the key it carried ({@code key}, null for none); that one is allowed.
   */
  String changesSince(StateSnapshot before, String key, int status) {
    return java.util.stream.Stream.concat(
            tables.keySet().stream(), before.tables().keySet().stream())
        .distinct()
        .filter(name -> !String.valueOf(tables.get(name)).equals(before.tables().get(name)))
        .filter(name -> !isItsOwnAnswer(before, name, key, status))
        .map(name -> name + ": " + before.tables().get(name) + " -> " + tables.get(name))
        .collect(Collectors.joining("\n"));
  }

  private boolean isItsOwnAnswer(StateSnapshot before, String name, String key, int status) {
    return key != null
        && name.startsWith(KEY_PREFIX)
        && name.endsWith(" " + key)
        && !before.tables().containsKey(name)
        && tables.get(name).startsWith(status + " ");
  }

  /** How many orders of the watched projects are still being carried out. */
  static int ordersInProgress(Jdbi jdbi, List<String> projects) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select count(*) from orders where project_id::text = any(:projects)"
                        + " and phase = 'processing'")
                .bindArray("projects", String.class, projects)
                .mapTo(Integer.class)
                .one());
  }
}
