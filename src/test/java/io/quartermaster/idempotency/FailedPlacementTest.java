package io.quartermaster.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.PoolDriver;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A 5xx is never stored: the transaction that would have placed the order rolls back with the key,
 * so a retry with the same key runs afresh.
 */
class FailedPlacementTest {

  private final TestServer server = TestServer.get();
  private final Tenant tenant = server.newTenant();
  private final PoolDriver pools = new PoolDriver(tenant);

  @Test
  void aRetryAfterA500RunsAfreshAndPlacesTheOrderOnce() {
    String display = Pools.uniqueName();
    ApiClient client = tenant.member().withHeader("X-Client-Token", UUID.randomUUID().toString());
    HttpResult failed;
    // The database refuses this one pool's row, as a broken disk or a failover would.
    server
        .jdbi()
        .useHandle(
            h ->
                h.execute(
                    """
                    create function refuse_pool_%1$s() returns trigger language plpgsql as $$
                    begin
                      if new.display_name = '%2$s' then
                        raise exception 'the database is failing';
                      end if;
                      return new;
                    end $$;
                    create trigger refuse_pool_%1$s before insert on pools
                      for each row execute function refuse_pool_%1$s();
                    """
                        .formatted(display.replace('-', '_'), display)));
    try {
      failed = client.post(pools.poolsPath(), Pools.body(display, Pools.CPU, 1));
    } finally {
      server
          .jdbi()
          .useHandle(
              h ->
                  h.execute(
                      """
                      drop trigger refuse_pool_%1$s on pools;
                      drop function refuse_pool_%1$s();
                      """
                          .formatted(display.replace('-', '_'))));
    }

    assertEquals(500, failed.status(), failed.rawBody());
    assertEquals("ModelArts.50005000", failed.errorCode());
    assertEquals(
        0, StoredKeys.count(server, tenant), "the key went with the rolled-back transaction");
    HttpResult retry = client.post(pools.poolsPath(), Pools.body(display, Pools.CPU, 1));
    assertEquals(200, retry.status(), retry.rawBody());
    assertNull(retry.header("Idempotent-Replayed"), "carried out, not replayed");
    HttpResult again = client.post(pools.poolsPath(), Pools.body(display, Pools.CPU, 1));
    assertEquals("true", again.header("Idempotent-Replayed"));
    assertEquals(retry.body(), again.body());
    assertEquals(1, pools.orders(display).get("count").asInt());
  }
}
