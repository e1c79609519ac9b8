package io.quartermaster.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.common.uri.UriQuery;
import io.quartermaster.json.Json;
import io.quartermaster.testing.TestServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ListOrders must stay on the indexes of V3 however many orders other projects hold: with 100,000
 * orders spread over 500 projects, the list and count statements of one project, and the single
 * statement that serves a page with its count, read {@code orders} through an index, never by a
 * sequential scan; and that statement counts only when the page does not settle the count. The
 * plans are printed for BENCHMARKS.md. The orders are removed afterwards, so that other tests of
 * the same database do not carry them.
 */
class OrderQueryPlanTest {

  private static final int PROJECTS = 500;
  private static final int ORDERS_PER_PROJECT = 200;
  private static final int POOLS_PER_PROJECT = 3;
  private static final Set<String> ORDER_INDEXES =
      Set.of("orders_listing", "orders_by_resource_name", "orders_by_display_name");

  private static final Jdbi JDBI = TestServer.get().jdbi();
  private static final OrderQueryDao DAO = new OrderQueryDao();
  // A project of its own: the md5 of a random seed is 32 hex characters, like a project id.
  private static final String SEED = OrderFixtures.random("abcdefghij", 12);
  private static String projectId;

  @BeforeAll
  static void manyOrdersInManyProjects() {
    JDBI.useTransaction(
        h -> {
          h.createUpdate(
                  """
                  insert into pools (id, project_id, name, display_name, workspace_id, phase,
                                     manifest, created_at)
                  select gen_random_uuid(), md5(:seed || p), 'pool-' || k || '-' || md5(:seed || p),
                         'pool-' || k, '0', 'Running', '{}'::jsonb, now() - interval '20 days'
                  from generate_series(1, :projects) p, generate_series(1, :pools) k
                  """)
              .bind("seed", SEED)
              .bind("projects", PROJECTS)
              .bind("pools", POOLS_PER_PROJECT)
              .execute();
          // Each project: orders over the last 29 days, most finished, one unfinished per pool,
          // a sixth of them in a second workspace.
          h.createUpdate(
                  """
                  insert into orders (project_id, order_name, order_id, pool_id, resource_name,
                      resource_display_name, workspace_id, operation, phase, billing_mode,
                      spec_count, result_count, created_at, begin_at, end_at)
                  select pl.project_id, 'order.' || pl.display_name || '-' || lpad(j::text, 5, '0'),
                         'CS' || left(md5(:seed || pl.project_id || j), 15),
                         pl.id, pl.name, pl.display_name,
                         case when j % 6 = 0 then 'ws-b' else '0' end,
                         case when j <= :pools then 'apply' else 'modify' end,
                         case when j <= :pools then 'processing'
                              when j % 2 = 0 then 'successed' else 'failed' end,
                         '0', '[]'::jsonb, '[]'::jsonb,
                         now() - j * interval '23 hours', now() - j * interval '23 hours', null
                  from generate_series(1, :orders) j
                  join pools pl on pl.project_id in (
                         select md5(:seed || p) from generate_series(1, :projects) p)
                       and pl.display_name = 'pool-' || ((j - 1) % :pools + 1)
                  """)
              .bind("seed", SEED)
              .bind("projects", PROJECTS)
              .bind("pools", POOLS_PER_PROJECT)
              .bind("orders", ORDERS_PER_PROJECT)
              .execute();
        });
    // VACUUM as autovacuum would: index-only scans need the visibility map it sets.
    JDBI.useHandle(h -> h.execute("vacuum analyze pools, orders, order_day_counts"));
    projectId =
        JDBI.withHandle(h -> h.select("select md5(? || 7)", SEED).mapTo(String.class).one());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "phase=successed",
        "involvedName=pool-2",
        "involvedName=pool-2&phase=failed",
        "workspaceId=ws-b&limit=500&offset=10"
      })
  void listAndCountReadOrdersThroughAnIndex(String queryString) {
    OrderListQuery query =
        OrderListQuery.parse(
            UriQuery.create(queryString), OrderConfig.defaults(), Clock.systemUTC());
    for (OrderQueryDao.BoundSql statement :
        List.of(
            DAO.listSql(projectId, query),
            DAO.countSql(projectId, query),
            DAO.pageAndCountSql(projectId, query))) {
      JsonNode plan = explain(statement);
      List<String> scans = new ArrayList<>();
      collectScans(plan.get(0).get("Plan"), scans);
      System.out.println(
          "ListOrders ?" + queryString + "\n" + statement.sql() + explainText(statement));
      assertFalse(scans.contains("Seq Scan on orders"), () -> "sequential scan: " + scans);
      assertTrue(
          scans.stream().anyMatch(s -> ORDER_INDEXES.stream().anyMatch(s::endsWith)),
          () -> "no index of orders used: " + scans);
    }
  }

  /**
   * A project's 30-day window holds 31 of its orders: a page of 100 is short and settles the count
   * (the count's subquery is never executed), a page of 10 is full and has it counted.
   */
  @ParameterizedTest
  @ValueSource(strings = {"limit=100", "limit=10", "limit=10&offset=500"})
  void thePageStatementCountsOnlyWhenThePageDoesNotSettleTheCount(String queryString) {
    OrderListQuery query =
        OrderListQuery.parse(
            UriQuery.create(queryString), OrderConfig.defaults(), Clock.systemUTC());
    OrderQueryDao.BoundSql statement = DAO.pageAndCountSql(projectId, query);
    JsonNode plan = explainAnalyze(statement).get(0).get("Plan");
    JsonNode count = initPlanCountingOrders(plan);
    System.out.println("ListOrders ?" + queryString + "\n" + explainText(statement));
    boolean counted = count.get("Actual Loops").asInt() > 0;
    assertEquals(!queryString.equals("limit=100"), counted, () -> "count run: " + counted);
    long total = JDBI.withHandle(h -> DAO.list(h, projectId, query, new RenderedOrders())).count();
    long exact =
        JDBI.withHandle(
            h -> {
              OrderQueryDao.BoundSql c = DAO.countSql(projectId, query);
              return h.createQuery(c.sql()).bindMap(c.params()).mapTo(Long.class).one();
            });
    assertEquals(exact, total);
  }

  /** The subplan of the page statement that counts the project's orders (its CASE's else). */
  private static JsonNode initPlanCountingOrders(JsonNode node) {
    if ("InitPlan".equals(node.path("Parent Relationship").asText())
        && node.get("Node Type").asText().equals("Aggregate")
        && node.toString().contains("\"Relation Name\":\"orders\"")) {
      return node;
    }
    for (JsonNode child : node.path("Plans")) {
      JsonNode found = initPlanCountingOrders(child);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /**
   * V12: the listing's index carries the phase, so a count by phase can be read from the index
   * alone. On a project this small the planner rightly prefers a bitmap scan, which visits the
   * table anyway; with bitmap scans off, the plan left must be an index-only scan, which is what
   * keeps a count by phase of a project with many orders off the table.
   */
  @ParameterizedTest
  @ValueSource(strings = {"phase=failed", "phase=processing&workspaceId=ws-b"})
  void aCountByPhaseCanBeReadFromTheListingIndexAlone(String queryString) {
    OrderListQuery query =
        OrderListQuery.parse(
            UriQuery.create(queryString), OrderConfig.defaults(), Clock.systemUTC());
    OrderQueryDao.BoundSql count = DAO.countSql(projectId, query);
    String json =
        JDBI.inTransaction(
            h -> {
              h.execute("set local enable_bitmapscan = off");
              return h.createQuery("explain (format json) " + count.sql())
                  .bindMap(count.params())
                  .mapTo(String.class)
                  .one();
            });
    List<String> scans = new ArrayList<>();
    try {
      collectScans(Json.mapper().readTree(json).get(0).get("Plan"), scans);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    // The whole days from their counts; the partial edge days (counted directly or as the rest
    // of their day, which depends on the time of day) from the listing's index alone.
    assertTrue(scans.contains("Index Only Scan using order_day_counts_pkey"), json);
    List<String> ofOrders = scans.stream().filter(scan -> scan.endsWith(" on orders")).toList();
    List<String> byIndex =
        scans.stream()
            .filter(scan -> scan.contains(" using ") && !scan.contains("order_day_counts"))
            .toList();
    assertFalse(ofOrders.isEmpty(), json);
    assertTrue(ofOrders.stream().allMatch("Index Only Scan on orders"::equals), json);
    assertTrue(byIndex.stream().allMatch("Index Only Scan using orders_listing"::equals), json);
    assertEquals(ofOrders.size(), byIndex.size(), json);
  }

  /**
   * V13: the count reads the window's whole days from {@code order_day_counts}; of the orders
   * themselves it reads only those of the two partial days at either end (this project places about
   * one order a day), not the 31 in the window.
   */
  @ParameterizedTest
  @ValueSource(strings = {"", "phase=successed", "workspaceId=ws-b"})
  void theCountReadsOnlyThePartialDaysOrders(String queryString) {
    OrderListQuery query =
        OrderListQuery.parse(
            UriQuery.create(queryString), OrderConfig.defaults(), Clock.systemUTC());
    OrderQueryDao.BoundSql count = DAO.countSql(projectId, query);
    long ordersRead = actualRowsOf(explainAnalyze(count).get(0).get("Plan"), "orders");
    long inWindow =
        JDBI.withHandle(
            h ->
                h.createQuery(
                        "select count(*) from orders where project_id = :projectId"
                            + " and workspace_id = :workspaceId"
                            + " and created_at between :since and :until"
                            + (query.phase().isPresent() ? " and phase = :phase" : ""))
                    .bindMap(count.params())
                    .mapTo(Long.class)
                    .one());
    System.out.println("ListOrders count ?" + queryString + "\n" + explainText(count));
    assertEquals(inWindow, (long) JDBI.withHandle(h -> DAO.count(h, projectId, query)));
    assertTrue(inWindow >= 4, () -> "the window holds too few orders to tell: " + inWindow);
    assertTrue(ordersRead <= 4, () -> ordersRead + " orders read of " + inWindow);
  }

  /** The rows the plan's scans of {@code relation} returned, over all their loops. */
  static long actualRowsOf(JsonNode node, String relation) {
    long rows = 0;
    if (relation.equals(node.path("Relation Name").asText())) {
      rows += node.get("Actual Rows").asLong() * node.get("Actual Loops").asLong();
    }
    for (JsonNode child : node.path("Plans")) {
      rows += actualRowsOf(child, relation);
    }
    return rows;
  }

  @ParameterizedTest
  @ValueSource(strings = {"order.pool-2-00005", "order.none"})
  void showOrderReadsOrderAndItemsThroughIndexes(String name) {
    assertUsesAnOrderIndex("ShowOrder, one statement " + name, DAO.showSql(projectId, name));
  }

  @AfterAll
  static void removeTheOrders() {
    JDBI.useTransaction(
        h -> {
          for (String table : List.of("orders", "pools")) {
            h.createUpdate(
                    "delete from "
                        + table
                        + " where project_id in (select md5(:seed || p)"
                        + " from generate_series(1, :projects) p)")
                .bind("seed", SEED)
                .bind("projects", PROJECTS)
                .execute();
          }
        });
  }

  static JsonNode explainAnalyze(OrderQueryDao.BoundSql statement) {
    String json =
        JDBI.withHandle(
            h ->
                h.createQuery("explain (analyze, format json) " + statement.sql())
                    .bindMap(statement.params())
                    .mapTo(String.class)
                    .one());
    try {
      return Json.mapper().readTree(json);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Marker pages and the export seek to their position on the listing's index. */
  @ParameterizedTest
  @ValueSource(strings = {"", "phase=successed", "involvedName=pool-2"})
  void keysetPagesReadOrdersThroughAnIndex(String queryString) {
    OrderListQuery query =
        OrderListQuery.parse(
            UriQuery.create(queryString), OrderConfig.defaults(), Clock.systemUTC());
    Instant middle = Instant.now().minus(Duration.ofDays(3));
    OrderQueryDao.BoundSql statement =
        DAO.keysetSql(
            projectId,
            query,
            Optional.of(new ListMarkers.Position(middle, "order.pool-2-00005")),
            101);
    assertUsesAnOrderIndex("Keyset ?" + queryString, statement);
  }

  @ParameterizedTest
  @ValueSource(strings = {"order.pool-2-00005", "orderId"})
  void showOrderFindsItsOrderThroughAnIndex(String name) {
    String nameOrId =
        name.equals("orderId")
            ? JDBI.withHandle(
                h ->
                    h.select("select order_id from orders where project_id = ? limit 1", projectId)
                        .mapTo(String.class)
                        .one())
            : name;
    assertUsesAnOrderIndex("ShowOrder " + name, DAO.findSql(projectId, nameOrId));
  }

  @ParameterizedTest
  @ValueSource(strings = {"pool-2", "pool-none"})
  void theInvolvedNameCheckReadsOrdersThroughAnIndex(String name) {
    assertUsesAnOrderIndex("involvedName " + name, DAO.poolKnownSql(projectId, name));
  }

  private static void assertUsesAnOrderIndex(String title, OrderQueryDao.BoundSql statement) {
    List<String> scans = new ArrayList<>();
    collectScans(explain(statement).get(0).get("Plan"), scans);
    System.out.println(title + "\n" + statement.sql() + explainText(statement));
    assertFalse(scans.contains("Seq Scan on orders"), () -> "sequential scan: " + scans);
    assertTrue(
        scans.stream().anyMatch(s -> s.contains(" using orders")), () -> "no index: " + scans);
  }

  private static JsonNode explain(OrderQueryDao.BoundSql statement) {
    String json =
        JDBI.withHandle(
            h ->
                h.createQuery("explain (format json) " + statement.sql())
                    .bindMap(statement.params())
                    .mapTo(String.class)
                    .one());
    try {
      return Json.mapper().readTree(json);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String explainText(OrderQueryDao.BoundSql statement) {
    List<String> lines =
        JDBI.withHandle(
            h ->
                h.createQuery("explain (analyze, buffers, format text) " + statement.sql())
                    .bindMap(statement.params())
                    .mapTo(String.class)
                    .list());
    return String.join("\n", lines);
  }

  /** Every scan of the plan as "Node Type on relation" or "Node Type using index". */
  private static void collectScans(JsonNode node, List<String> scans) {
    String type = node.get("Node Type").asText();
    if (node.has("Relation Name")) {
      scans.add(type + " on " + node.get("Relation Name").asText());
    }
    if (node.has("Index Name")) {
      scans.add(type + " using " + node.get("Index Name").asText());
    }
    if (node.has("Plans")) {
      node.get("Plans").forEach(child -> collectScans(child, scans));
    }
  }
}
