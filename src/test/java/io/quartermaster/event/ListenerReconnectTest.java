package io.quartermaster.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quartermaster.testing.Eventually;
import io.quartermaster.testing.PoolDriver;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.SseClient;
import io.quartermaster.testing.SseClient.Event;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The listening connection is killed by the database (as a restart or a failover would); the
 * service opens a new one, and the events committed meanwhile still reach the open streams.
 */
class ListenerReconnectTest {

  private static final TestServer SERVER = TestServer.get();
  // The flavor with the most room: nodes taken by the shared server's tests are never given back,
  // and the scarcer ones are for the tests that need them.
  private static final String ROOMY = "modelarts.vm.cpu.2u.d";

  private List<Integer> listenerPids() {
    return SERVER
        .jdbi()
        .withHandle(
            h ->
                h.createQuery("select pid from pg_stat_activity where application_name = :name")
                    .bind("name", EventListener.APPLICATION_NAME)
                    .mapTo(Integer.class)
                    .list());
  }

  @Test
  void eventsCommittedWhileTheListenerWasDownStillReachTheStreams() {
    Tenant tenant = SERVER.newTenant();
    List<Integer> before = Eventually.until(this::listenerPids, pids -> pids.size() == 1);
    try (SseClient stream =
        SseClient.open(tenant.viewer(), "/v1/" + tenant.projectId() + "/events")) {
      SERVER
          .jdbi()
          .useHandle(
              h ->
                  h.createQuery("select pg_terminate_backend(:pid)")
                      .bind("pid", before.getFirst())
                      .mapTo(Boolean.class)
                      .one());
      new PoolDriver(tenant).create(Pools.body(Pools.uniqueName(), ROOMY, 1));

      List<Event> seen = stream.until("order.successed", Duration.ofSeconds(30));

      assertEquals(7, seen.size(), seen::toString);
      assertEquals("order.placed", seen.getFirst().event());
      List<Integer> after =
          Eventually.until(this::listenerPids, pids -> pids.size() == 1 && !pids.equals(before));
      assertEquals(1, after.size());
    }
  }
}
