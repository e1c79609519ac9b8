package io.quartermaster.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.app.Application;
import io.quartermaster.app.Config;
import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.Identities;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many pools of several tenants created, scaled, trimmed and deleted at once against a service of
 * its own whose simulated provider fails about a third of all node operations: whatever failed, the
 * capacity the provider holds is exactly the nodes that exist, and every order and pool tells the
 * outcome the way the contract says.
 */
class FailuresLeakNothingTest {

  private static final String TWO_CPU = "modelarts.vm.cpu.2u.d";
  private static final int TENANTS = 4;
  private static final int POOLS_PER_TENANT = 5;
  private static final String SCARCE = TestServer.scarceFlavor();

  /** One flavor set per pool, by index: mixed, scarce and reliable flavors. */
  private static final List<List<String>> FLAVORS =
      List.of(
          List.of(Pools.CPU),
          List.of(Pools.GPU, TWO_CPU),
          List.of(SCARCE, Pools.CPU),
          List.of(TWO_CPU),
          List.of(Pools.GPU));

  @TempDir static Path dataDir;
  private static Application app;
  private static Jdbi jdbi;
  private static Identities identities;

  @BeforeAll
  static void startAServiceThatFails() {
    Config config = TestServer.testConfig(dataDir);
    // Timeouts come on top of the injected failures: with up to 10 ms of jitter against a 10 ms
    // timeout, one operation in ten runs out of time.
    SimulatedFaults faults =
        new SimulatedFaults(
            0.3,
            Map.of(SCARCE, 0.5, TWO_CPU, 0.15),
            Duration.ofMillis(1),
            Duration.ofMillis(10),
            Optional.of(Duration.ofMillis(10)),
            20250101L);
    app =
        Application.start(
            config.withEngine(config.engine().withSimulatedFaults(faults)), Clock.systemUTC());
    jdbi = app.database().jdbi();
    identities = new Identities(new ApiClient("http://127.0.0.1:" + app.port(), null));
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void whateverFailsCapacityHeldIsExactlyTheNodesThatExist() throws Exception {
    ApiClient admin = identities.login("admin", TestServer.ADMIN_PASSWORD, "default");
    List<Tenant> tenants = new ArrayList<>();
    for (int i = 0; i < TENANTS; i++) {
      tenants.add(identities.newTenant(admin));
    }
    try (ExecutorService workers = Executors.newFixedThreadPool(TENANTS)) {
      List<Future<?>> lives = new ArrayList<>();
      tenants.forEach(t -> lives.add(workers.submit(() -> livePools(t))));
      for (Future<?> life : lives) {
        life.get(4, TimeUnit.MINUTES);
      }
    }

    assertEquals(0, count("select count(*) from orders where phase in ('pending', 'processing')"));
    CapacityLedger ledger = new CapacityLedger(jdbi);
    assertEquals(ledger.existing(), ledger.used(), "capacity used per flavor and AZ");
    assertEquals(ledger.recorded(Optional.empty()), ledger.held(Optional.empty()), "node by node");
    assertEquals(List.of(), failedOrdersWithoutACause());
    assertEquals(List.of(), successedOrdersWithAnUnfinishedItem());
    assertEquals(List.of(), poolsWhosePhaseBeliesTheirLastOrder());
    assertEquals(List.of(), lastOrdersWhoseResultIsNotThePool());
    for (String operation : List.of("apply", "modify", "delete")) {
      assertTrue(orders(operation, "failed") > 0, "some " + operation + " orders failed");
      assertTrue(orders(operation, "successed") > 0, "some " + operation + " orders succeeded");
    }
    assertTrue(ledger.existing().size() > 1, "nodes of several flavors are left: " + ledger.used());
  }

  /** Each pool: created, scaled out, scaled in, trimmed; every other one deleted. */
  private static void livePools(Tenant tenant) {
    for (int i = 0; i < POOLS_PER_TENANT; i++) {
      PoolJourney pool = new PoolJourney(tenant, jdbi, "pool-" + i, FLAVORS.get(i));
      pool.create(2);
      pool.scaleBy(2);
      pool.scaleBy(-1);
      pool.deleteNewestNode();
      if (i % 2 == 0) {
        pool.delete(3);
      }
    }
  }

  private static List<String> failedOrdersWithoutACause() {
    return names(
        """
        select o.order_name from orders o
        where o.phase = 'failed'
          and (coalesce(o.fail_reason, '') = ''
            or not exists (select 1 from order_items i
              where i.order_id = o.id and i.status = 'failed' and coalesce(i.message, '') <> ''))
        """);
  }

  private static List<String> successedOrdersWithAnUnfinishedItem() {
    return names(
        """
        select o.order_name from orders o
        where o.phase = 'successed'
          and exists (select 1 from order_items i where i.order_id = o.id and i.status <> 'succeed')
        """);
  }

  /**
   * A succeeded apply or modify leaves the pool Running and a succeeded delete removes it; a failed
   * apply, modify or delete leaves it CreationFailed, ScalingFailed or Error.
   */
  private static List<String> poolsWhosePhaseBeliesTheirLastOrder() {
    return names(
        """
        select p.name || ' ' || p.phase || ' after ' || o.operation || ' ' || o.phase
        from pools p
        join lateral (select operation, phase from orders where pool_id = p.id
                      order by id desc limit 1) o on true
        where not case
          when o.phase = 'successed' and o.operation = 'delete' then p.deleted_at is not null
          when o.phase = 'successed' then p.phase = 'Running' and p.deleted_at is null
          when o.operation = 'apply' then p.phase = 'CreationFailed'
          when o.operation = 'modify' then p.phase = 'ScalingFailed'
          else p.phase = 'Error' and p.deleted_at is null
        end
        """);
  }

  /** The resultCount of each pool's last order against the pool's nodes, per flavor and AZ. */
  private static List<String> lastOrdersWhoseResultIsNotThePool() {
    return names(
        """
        with last as (
          select distinct on (pool_id) pool_id, order_name, result_count from orders
          order by pool_id, id desc),
        reported as (
          select l.pool_id, l.order_name, r ->> 'flavor' as flavor, a ->> 'az' as az,
                 (a ->> 'count')::int as n
          from last l, jsonb_array_elements(l.result_count) r, jsonb_array_elements(r -> 'azs') a),
        actual as (
          select pool_id, flavor, az, count(*)::int as n from nodes group by pool_id, flavor, az)
        select coalesce(r.order_name, l.order_name) || ' ' || coalesce(r.flavor, a.flavor) || '/'
               || coalesce(r.az, a.az) || ': reported ' || coalesce(r.n, 0) || ', actual '
               || coalesce(a.n, 0)
        from reported r
        full join actual a on a.pool_id = r.pool_id and a.flavor = r.flavor and a.az = r.az
        left join last l on l.pool_id = a.pool_id
        where coalesce(r.n, 0) <> coalesce(a.n, 0)
        """);
  }

  private static int orders(String operation, String phase) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select count(*) from orders where operation = :o and phase = :p")
                .bind("o", operation)
                .bind("p", phase)
                .mapTo(Integer.class)
                .one());
  }

  private static int count(String sql) {
    return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
  }

  private static List<String> names(String sql) {
    return jdbi.withHandle(h -> h.createQuery(sql).mapTo(String.class).list());
  }
}
