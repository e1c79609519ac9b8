package io.quartermaster.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.PoolDriver;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A key stands for its request for {@code QM_IDEMPOTENCY_TTL} (24 hours); then it is free again,
 * and the recurring purge deletes it. The tests move the service's clock.
 */
class KeyExpiryTest {

  private static final Duration TTL = IdempotencyConfig.DEFAULT_TTL;

  private final TestServer server = TestServer.get();
  private final Tenant tenant = server.newTenant();
  private final PoolDriver pools = new PoolDriver(tenant);

  @AfterEach
  void resetClock() {
    server.clock().reset();
  }

  @Test
  void aKeyPastItsTimeToLiveIsANewRequest() {
    String display = Pools.uniqueName();
    ApiClient client = tenant.member().withHeader("X-Client-Token", UUID.randomUUID().toString());
    assertEquals(200, client.post(pools.poolsPath(), Pools.body(display, Pools.CPU, 1)).status());

    server.clock().advance(TTL.minusMinutes(1));
    HttpResult withinTtl = client.post(pools.poolsPath(), Pools.body(display, Pools.CPU, 1));
    server.clock().advance(Duration.ofMinutes(2));
    HttpResult afterTtl =
        loggedInAgain(client).post(pools.poolsPath(), Pools.body(display, Pools.CPU, 1));

    assertEquals(200, withinTtl.status());
    assertEquals("true", withinTtl.header("Idempotent-Replayed"));
    assertEquals(409, afterTtl.status(), "carried out again: " + afterTtl.rawBody());
    assertEquals("ModelArts.50015000", afterTtl.errorCode());
    assertNull(afterTtl.header("Idempotent-Replayed"));
  }

  @Test
  void expiredKeysArePurgedAndLiveOnesKept() {
    ApiClient first = tenant.member().withHeader("X-Client-Token", UUID.randomUUID().toString());
    first.post(pools.poolsPath(), Pools.body(Pools.uniqueName(), Pools.CPU, 1));
    server.clock().advance(TTL.plusMinutes(1));
    ApiClient second =
        loggedInAgain(tenant.member()).withHeader("X-Client-Token", UUID.randomUUID().toString());
    assertEquals(
        200, second.post(pools.poolsPath(), Pools.body(Pools.uniqueName(), Pools.CPU, 1)).status());

    int purged =
        new IdempotentRequests(server.jdbi(), IdempotencyConfig.defaults(), server.clock())
            .purgeExpired(1);

    assertEquals(1, StoredKeys.count(server, tenant), "the live key stays");
    assertTrue(purged >= 1, "at least this project's expired key, in batches of one");
  }

  @Test
  void thePurgeIsARecurringJobOfTheEngine() {
    int jobs =
        server
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            """
                            select count(*) from scheduled_tasks
                            where task_name = 'purge-expired-idempotency-keys'
                            """)
                        .mapTo(Integer.class)
                        .one());
    assertEquals(1, jobs);
  }

  /** The client with a new token: tokens, too, live 24 hours. */
  private ApiClient loggedInAgain(ApiClient client) {
    String token = server.login(tenant.memberName(), Tenant.PASSWORD, tenant.projectName()).token();
    return client.withToken(token);
  }
}
