package io.quartermaster.bench;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Loads many finished orders straight into a Quartermaster database with COPY, written exactly as
 * the service writes a pool created through the API whose apply order succeeded: the project, the
 * pool (Running, its manifest with the order's label and annotation), its nodes, the order (with
 * its counts, timestamps and createdBy), its items and its events (numbered on in each project's
 * log, the counters moved past them). The simulated provider's ledger is not written: loaded nodes
 * take no capacity. {@code BulkOrdersTest} checks the rows against ones the service wrote.
 *
 * <p>From the command line (after {@code mvn test-compile}):
 *
 * <pre>
 * java -cp target/classes:target/test-classes:'target/lib/*' io.quartermaster.bench.BulkOrders \
 *   --url jdbc:postgresql://127.0.0.1:PORT/postgres --projects 1000 --orders 2000000
 * </pre>
 */
public final class BulkOrders {

  /**
   * What to load into each project.
   *
   * @param spread orders are placed at random times within this long before {@code now}
   */
  public record Options(
      int ordersPerProject, int nodesPerOrder, Duration spread, Instant now, long seed) {}

  static final String FLAVOR = "modelarts.vm.cpu.2u.d";
  static final List<String> AZS = List.of("az-1a", "az-1b");
  private static final String BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz";
  private static final int CHUNK_ORDERS = 5_000;
  private static final DateTimeFormatter ORDER_ID_TIME =
      DateTimeFormatter.ofPattern("yyMMddHHmm").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

  private final Connection connection;
  private final CopyManager copy;
  private final Random random;
  private final Options options;
  private long serial;

  private BulkOrders(Connection connection, Options options) throws SQLException {
    this.connection = connection;
    this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
    this.random = new Random(options.seed());
    this.options = options;
  }

  /** Creates {@code count} projects named {@code prefix-00001}, ...; returns their ids. */
  public static List<String> createProjects(
      Connection connection, String prefix, int count, Instant now) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (PreparedStatement insert =
        connection.prepareStatement(
            "insert into projects (id, name, description, enabled, created_at)"
                + " values (?, ?, 'bulk-loaded', true, ?)")) {
      for (int i = 1; i <= count; i++) {
        String id = UUID.randomUUID().toString().replace("-", "");
        insert.setString(1, id);
        insert.setString(2, prefix + "-%05d".formatted(i));
        insert.setObject(3, now.atOffset(ZoneOffset.UTC));
        insert.addBatch();
        ids.add(id);
      }
      insert.executeBatch();
    }
    return ids;
  }

  /** Loads {@code options.ordersPerProject()} orders into each project; returns how many. */
  public static long load(Connection connection, List<String> projectIds, Options options)
      throws SQLException, IOException {
    return new BulkOrders(connection, options).loadAll(projectIds);
  }

  private long loadAll(List<String> projectIds) throws SQLException, IOException {
    // Numbered on from the orders already there, so that names and order ids stay unique when
    // the loader runs again on the same database.
    try (var statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("select count(*) from orders")) {
      rs.next();
      serial = rs.getLong(1);
    }
    Map<String, Long> seqs = lastSeqs(projectIds);
    long total = 0;
    Rows rows = new Rows();
    for (String projectId : projectIds) {
      for (int i = 0; i < options.ordersPerProject(); i++) {
        long seq = seqs.get(projectId);
        seqs.put(projectId, order(rows, projectId, seq));
        total++;
        if (rows.orders() == CHUNK_ORDERS) {
          rows.flush();
          rows = new Rows();
        }
      }
    }
    rows.flush();
    try (PreparedStatement counter =
        connection.prepareStatement(
            """
            insert into order_event_counters (project_id, last_seq) values (?, ?)
            on conflict (project_id)
            do update set last_seq = greatest(order_event_counters.last_seq, excluded.last_seq)
            """)) {
      for (Map.Entry<String, Long> entry : seqs.entrySet()) {
        counter.setString(1, entry.getKey());
        counter.setLong(2, entry.getValue());
        counter.addBatch();
      }
      counter.executeBatch();
    }
    return total;
  }

  private Map<String, Long> lastSeqs(List<String> projectIds) throws SQLException {
    Map<String, Long> seqs = new LinkedHashMap<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "select last_seq from order_event_counters where project_id = ?")) {
      for (String id : projectIds) {
        select.setString(1, id);
        try (ResultSet rs = select.executeQuery()) {
          seqs.put(id, rs.next() ? rs.getLong(1) : 0L);
        }
      }
    }
    return seqs;
  }

  /** One pool and its successful apply order; returns the project's last event number. */
  private long order(Rows rows, String projectId, long seq) {
    long n = serial++;
    String display = "bulk-" + base36(n, 7);
    String poolName = display + "-" + projectId;
    String orderName = "order." + display + "-" + base36(random.nextInt(36 * 36 * 36), 5);
    Instant placed =
        options
            .now()
            .minusMillis((long) (random.nextDouble() * options.spread().toMillis()))
            .truncatedTo(ChronoUnit.MILLIS);
    String orderId = "CS" + ORDER_ID_TIME.format(placed) + base36(n, 5).toUpperCase();
    UUID poolId = UUID.randomUUID();
    int nodes = options.nodesPerOrder();
    Instant begun = placed.plusMillis(40);
    Instant t = begun;

    List<String> nodeNames = new ArrayList<>();
    int[] perAz = new int[AZS.size()];
    for (int i = 0; i < nodes; i++) {
      nodeNames.add("os-node-created-" + base36(random.nextInt(60_466_176), 5));
      perAz[i % AZS.size()]++;
    }
    String spec =
        "[{\"azs\": [], \"count\": %d, \"flavor\": \"%s\", \"maxCount\": %d}]"
            .formatted(nodes, FLAVOR, nodes);
    StringBuilder azs = new StringBuilder();
    for (int i = 0; i < AZS.size(); i++) {
      if (perAz[i] > 0) {
        azs.append(azs.isEmpty() ? "" : ", ")
            .append("{\"az\": \"%s\", \"count\": %d}".formatted(AZS.get(i), perAz[i]));
      }
    }
    String result =
        "[{\"azs\": [%s], \"count\": %d, \"flavor\": \"%s\", \"maxCount\": %d}]"
            .formatted(azs, nodes, FLAVOR, nodes);
    String manifest =
        """
        {"spec": {"type": "Dedicate", "resources": [{"count": %d, "flavor": "%s", "maxCount": %d}]}, \
        "metadata": {"labels": {"os.modelarts/name": "%s", "os.modelarts/order.name": "%s", \
        "os.modelarts/workspace.id": "0", "os.modelarts/tenant.project.id": "%s"}, \
        "annotations": {"os.modelarts/order.id": "%s", "os.modelarts/billing.mode": "0"}}}"""
            .formatted(nodes, FLAVOR, nodes, display, orderName, projectId, orderId);

    rows.event(
        projectId,
        ++seq,
        orderName,
        "order.placed",
        "{\"phase\": \"processing\", \"orderId\": \"%s\", \"operation\": \"apply\", \"resourceName\": \"%s\", \"awaitingPayment\": false, \"awaitingApproval\": false}"
            .formatted(orderId, poolName),
        placed);
    rows.event(
        projectId, ++seq, orderName, "order.processing", "{\"phase\": \"processing\"}", begun);
    List<String> names = new ArrayList<>(List.of(poolName));
    names.addAll(nodeNames);
    for (int item = 0; item <= nodes; item++) {
      String action = item == 0 ? "createPool" : "createNode";
      Instant start = t.plusMillis(5);
      Instant end = start.plusMillis(item == 0 ? 10 : 200);
      t = end;
      String az = item == 0 ? null : AZS.get((item - 1) % AZS.size());
      rows.item(n, item, action, names.get(item), item == 0 ? null : FLAVOR, az, start, end);
      String payload =
          "{\"seq\": %d, \"action\": \"%s\", \"status\": \"%%s\", \"resourceName\": \"%s\"}"
              .formatted(item, action, names.get(item));
      rows.event(
          projectId, ++seq, orderName, "item.processing", payload.formatted("processing"), start);
      rows.event(projectId, ++seq, orderName, "item.succeed", payload.formatted("succeed"), end);
      if (az != null) {
        rows.node(poolId, names.get(item), az, end);
      }
    }
    Instant ended = t.plusMillis(10);
    rows.event(projectId, ++seq, orderName, "order.successed", "{\"phase\": \"successed\"}", ended);
    rows.pool(poolId, projectId, poolName, display, manifest, placed);
    rows.order(
        n, projectId, orderName, orderId, poolId, poolName, display, spec, result, placed, begun,
        ended);
    return seq;
  }

  /** One chunk of rows per table, in COPY's text format, sent in foreign-key order. */
  private final class Rows {
    private final StringBuilder pools = new StringBuilder();
    private final StringBuilder nodes = new StringBuilder();
    private final StringBuilder orders = new StringBuilder();
    private final StringBuilder items = new StringBuilder();
    private final StringBuilder events = new StringBuilder();
    private int orderCount;

    int orders() {
      return orderCount;
    }

    void pool(UUID id, String projectId, String name, String display, String manifest, Instant at) {
      line(pools, id, projectId, name, display, "0", "Running", manifest, ts(at), 2);
    }

    void node(UUID poolId, String name, String az, Instant at) {
      line(nodes, poolId, name, FLAVOR, az, ts(at));
    }

    void order(
        long n,
        String projectId,
        String name,
        String orderId,
        UUID poolId,
        String poolName,
        String display,
        String spec,
        String result,
        Instant placed,
        Instant begun,
        Instant ended) {
      orderCount++;
      line(
          orders,
          n,
          projectId,
          name,
          orderId,
          poolId,
          poolName,
          display,
          "0",
          "apply",
          "successed",
          "0",
          spec,
          result,
          BENCH_USER_ID,
          "bench",
          ts(placed),
          ts(begun),
          ts(ended),
          6);
    }

    void item(
        long order,
        int seq,
        String action,
        String name,
        String flavor,
        String az,
        Instant begin,
        Instant updated) {
      line(items, order, seq, action, name, flavor, az, "succeed", ts(begin), ts(updated));
    }

    void event(
        String projectId, long seq, String orderName, String kind, String payload, Instant at) {
      line(events, projectId, seq, orderName, kind, payload, ts(at));
    }

    void flush() throws SQLException, IOException {
      if (orderCount == 0) {
        return;
      }
      boolean auto = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        copy(
            "pools (id, project_id, name, display_name, workspace_id, phase, manifest,"
                + " created_at, version)",
            pools);
        copy("nodes (pool_id, name, flavor, az, created_at)", nodes);
        copyOrders();
        copy("order_events (project_id, seq, order_name, kind, payload, created_at)", events);
        connection.commit();
      } catch (SQLException | IOException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(auto);
      }
    }

    /**
     * orders.id is generated by the database; the rows go through a staging table keyed by the
     * loader's own number, so that the items can reference the ids the database chose.
     */
    private void copyOrders() throws SQLException, IOException {
      try (var statement = connection.createStatement()) {
        statement.execute(
            """
            create temporary table if not exists bulk_orders (
              n bigint, project_id char(32), order_name text, order_id text, pool_id uuid,
              resource_name text, resource_display_name text, workspace_id text,
              operation text, phase text, billing_mode text, spec_count jsonb,
              result_count jsonb, created_by_user_id text, created_by_user_name text,
              created_at timestamptz, begin_at timestamptz, end_at timestamptz, version int)
              on commit delete rows;
            create temporary table if not exists bulk_items (
              n bigint, seq int, action text, resource_name text, flavor text, az text,
              status text, begin_at timestamptz, updated_at timestamptz)
              on commit delete rows
            """);
      }
      copy("bulk_orders", orders);
      copy("bulk_items", items);
      try (var statement = connection.createStatement()) {
        statement.execute(
            """
            create temporary table if not exists bulk_ids (n bigint, id bigint)
              on commit delete rows;
            with inserted as (
              insert into orders (project_id, order_name, order_id, pool_id, resource_name,
                resource_display_name, workspace_id, operation, phase, billing_mode, spec_count,
                result_count, created_by_user_id, created_by_user_name, created_at, begin_at,
                end_at, version)
              select project_id, order_name, order_id, pool_id, resource_name,
                resource_display_name, workspace_id, operation, phase, billing_mode, spec_count,
                result_count, created_by_user_id, created_by_user_name, created_at, begin_at,
                end_at, version
              from bulk_orders order by n
              returning id, order_id
            )
            insert into bulk_ids select b.n, i.id from inserted i join bulk_orders b using (order_id);
            insert into order_items (order_id, seq, action, resource_name, flavor, az, status,
              begin_at, updated_at)
            select ids.id, i.seq, i.action, i.resource_name, i.flavor, i.az, i.status, i.begin_at,
              i.updated_at
            from bulk_items i join bulk_ids ids using (n)
            """);
      }
    }

    private void copy(String table, StringBuilder data) throws SQLException, IOException {
      copy.copyIn("copy " + table + " from stdin", new StringReader(data.toString()));
    }
  }

  /** The user recorded as having placed the loaded orders (no such user need exist). */
  static final String BENCH_USER_ID = "b".repeat(32);

  private static void line(StringBuilder out, Object... values) {
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        out.append('\t');
      }
      Object value = values[i];
      if (value == null) {
        out.append("\\N");
      } else {
        // COPY's text format: backslash, tab and newline are escaped; the loader's own values
        // hold none but the rule is kept.
        String text = value.toString();
        for (int c = 0; c < text.length(); c++) {
          char ch = text.charAt(c);
          switch (ch) {
            case '\\' -> out.append("\\\\");
            case '\t' -> out.append("\\t");
            case '\n' -> out.append("\\n");
            default -> out.append(ch);
          }
        }
      }
    }
    out.append('\n');
  }

  private static String ts(Instant instant) {
    return TIMESTAMP.format(instant);
  }

  private static String base36(long value, int width) {
    StringBuilder out = new StringBuilder();
    long v = value;
    for (int i = 0; i < width; i++) {
      out.append(BASE36.charAt((int) (v % 36)));
      v /= 36;
    }
    return out.reverse().toString();
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> arg = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      arg.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    String url = arg.getOrDefault("url", "jdbc:postgresql://127.0.0.1:5432/postgres");
    int projects = Integer.parseInt(arg.getOrDefault("projects", "1"));
    long orders = Long.parseLong(arg.getOrDefault("orders", "1000"));
    int nodes = Integer.parseInt(arg.getOrDefault("nodes", "1"));
    Duration spread = Duration.ofDays(Long.parseLong(arg.getOrDefault("days", "80")));
    long seed = Long.parseLong(arg.getOrDefault("seed", "42"));
    // --ago DAYS places the orders that long before now (expired ones, for the retention bench).
    Instant now =
        Instant.now().minus(Duration.ofDays(Long.parseLong(arg.getOrDefault("ago", "0"))));
    long started = System.nanoTime();
    try (Connection connection =
        DriverManager.getConnection(
            url, arg.getOrDefault("user", "postgres"), arg.getOrDefault("password", ""))) {
      List<String> ids =
          arg.containsKey("project")
              ? List.of(arg.get("project"))
              : createProjects(connection, arg.getOrDefault("prefix", "bulk"), projects, now);
      int perProject = (int) (orders / ids.size());
      long loaded = load(connection, ids, new Options(perProject, nodes, spread, now, seed));
      try (var statement = connection.createStatement()) {
        statement.execute("analyze projects, pools, nodes, orders, order_items, order_events");
      }
      System.out.printf(
          "loaded %d orders into %d projects in %.1f s%n",
          loaded, ids.size(), (System.nanoTime() - started) / 1e9);
      System.out.println("first project: " + ids.getFirst());
    }
  }
}
