package io.quartermaster.order;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.Eventually;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * One tenant's pools and orders, placed through the pool API, and what the order-action tests read
 * about them: over HTTP where the API shows it, from the database where only the schema does.
 */
final class OrderWorld {

  /** A pool created through the API and the apply order that created it. */
  record Placed(String display, String poolName, long id, String orderName, String orderId) {}

  /** An order as stored, with the columns the actions change. */
  record State(
      String phase,
      String failReason,
      boolean awaitingPayment,
      boolean awaitingApproval,
      boolean paid,
      boolean approved,
      boolean begun,
      boolean ended) {}

  /** Everything an action may change, to compare before and after a refused one. */
  record Snapshot(State order, String poolPhase, String poolMessage, int jobs, int events) {}

  final TestServer server = TestServer.get();
  final Tenant tenant;

  OrderWorld(Tenant tenant) {
    this.tenant = tenant;
  }

  OrderWorld() {
    this(TestServer.get().newTenant());
  }

  Jdbi jdbi() {
    return server.jdbi();
  }

  String poolsPath() {
    return "/v2/" + tenant.projectId() + "/pools";
  }

  String orderPath(String orderName) {
    return "/v1/" + tenant.projectId() + "/orders/" + orderName;
  }

  Placed create(String flavor, int count, boolean yearly) {
    String display = Pools.uniqueName();
    Map<String, Object> body = Pools.body(display, flavor, count);
    HttpResult created = tenant.member().post(poolsPath(), yearly ? Pools.yearly(body) : body);
    assertEquals(200, created.status(), created::toString);
    return latestOrder(display);
  }

  /** The newest order of the pool named {@code display}. */
  /**
   * A yearly pool of one {@link Pools#CPU} node, paid and running, then patched to {@code count}
   * nodes: answers the scale-out's order, pending for payment, with the pool waiting.
   */
  Placed pendingScaleOut(int count) {
    Placed apply = create(Pools.CPU, 1, true);
    assertEquals(200, act(tenant.member(), apply, "pay").status());
    awaitOrder(apply, "successed");
    awaitPool(apply, "Running");
    HttpResult patched =
        tenant
            .member()
            .patch(
                poolsPath() + "/" + apply.poolName(),
                Map.of("spec", Map.of("resources", List.of(Pools.resource(Pools.CPU, count)))));
    assertEquals(200, patched.status(), patched::toString);
    assertEquals("Waiting", patched.body().at("/status/phase").asText(), patched::toString);
    return latestOrder(apply.display());
  }

  Placed latestOrder(String display) {
    return jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        """
                        select id, order_name, order_id, resource_name from orders
                        where project_id = :p and resource_display_name = :d
                        order by created_at desc, id desc limit 1
                        """)
                    .bind("p", tenant.projectId())
                    .bind("d", display)
                    .map(
                        (rs, ctx) ->
                            new Placed(
                                display,
                                rs.getString("resource_name"),
                                rs.getLong("id"),
                                rs.getString("order_name"),
                                rs.getString("order_id")))
                    .one());
  }

  HttpResult act(ApiClient client, Placed order, String action) {
    return client.post(orderPath(order.orderName()) + "/" + action, null);
  }

  HttpResult reject(ApiClient client, Placed order, Object body) {
    return client.post(orderPath(order.orderName()) + "/reject", body);
  }

  JsonNode pool(Placed order) {
    HttpResult pool = tenant.viewer().get(poolsPath() + "/" + order.poolName());
    assertEquals(200, pool.status(), pool::toString);
    return pool.body();
  }

  String poolPhase(Placed order) {
    return pool(order).at("/status/phase").asText();
  }

  JsonNode awaitPool(Placed order, String phase) {
    return Eventually.until(
        () -> pool(order),
        p -> phase.equals(p.at("/status/phase").asText()),
        Duration.ofSeconds(60));
  }

  State awaitOrder(Placed order, String phase) {
    return Eventually.until(
        () -> state(order), s -> phase.equals(s.phase()), Duration.ofSeconds(60));
  }

  State state(Placed order) {
    return jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        """
                        select phase, fail_reason, awaiting_payment, awaiting_approval,
                               paid_at is not null as paid, approved_at is not null as approved,
                               begin_at is not null as begun, end_at is not null as ended
                        from orders where id = :id
                        """)
                    .bind("id", order.id())
                    .map(
                        (rs, ctx) ->
                            new State(
                                rs.getString("phase"),
                                rs.getString("fail_reason"),
                                rs.getBoolean("awaiting_payment"),
                                rs.getBoolean("awaiting_approval"),
                                rs.getBoolean("paid"),
                                rs.getBoolean("approved"),
                                rs.getBoolean("begun"),
                                rs.getBoolean("ended")))
                    .one());
  }

  /** Engine jobs of the order: 1 while it is scheduled or running, 0 before and after. */
  int jobs(Placed order) {
    return jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        """
                        select count(*) from scheduled_tasks
                        where task_name = 'run-order' and task_instance = :id
                        """)
                    .bind("id", Long.toString(order.id()))
                    .mapTo(Integer.class)
                    .one());
  }

  int events() {
    return jdbi()
        .withHandle(
            h ->
                h.createQuery("select count(*) from order_events where project_id = :p")
                    .bind("p", tenant.projectId())
                    .mapTo(Integer.class)
                    .one());
  }

  /** The kinds of the order's events, in the order they were appended. */
  List<String> eventKinds(Placed order) {
    return jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        """
                        select kind from order_events
                        where project_id = :p and order_name = :n order by seq
                        """)
                    .bind("p", tenant.projectId())
                    .bind("n", order.orderName())
                    .mapTo(String.class)
                    .list());
  }

  Snapshot snapshot(Placed order) {
    JsonNode pool = pool(order);
    return new Snapshot(
        state(order),
        pool.at("/status/phase").asText(),
        pool.at("/status/message").asText(""),
        jobs(order),
        events());
  }
}
