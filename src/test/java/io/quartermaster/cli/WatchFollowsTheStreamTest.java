package io.quartermaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.testing.DroppableProxy;
import io.quartermaster.testing.Eventually;
import io.quartermaster.testing.QmCli;
import io.quartermaster.testing.StreamlessRelay;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code qm orders watch} holds the order's event stream open while it follows the order, so that
 * each change wakes it as it happens instead of at the next poll, and lets go of it at the end.
 */
class WatchFollowsTheStreamTest {

  private final TestServer server = TestServer.get();

  @TempDir Path home;

  @Test
  void watchReadsTheOrdersEventStreamUntilTheOrderEnds() throws Exception {
    Tenant tenant = server.newTenant();
    QmCli qm = QmCli.of(home).login(tenant.memberName(), Tenant.PASSWORD, tenant.projectName());
    int streamsBefore = server.openEventStreams();
    String name = PendingOrder.place(qm).order();

    CompletableFuture<QmCli.Run> watch =
        CompletableFuture.supplyAsync(() -> qm.run("orders", "watch", name));
    int during =
        Eventually.until(server::openEventStreams, open -> open > streamsBefore || watch.isDone());
    assertTrue(
        during > streamsBefore, "the watch opened the order's stream: " + watch.getNow(null));
    QmCli.Run pay = qm.run("pay", name);
    assertEquals(0, pay.exit(), pay.toString());
    QmCli.Run watched = watch.get();

    assertEquals(0, watched.exit(), watched.toString());
    assertTrue(watched.out().contains("order " + name + " successed in"), watched.out());
    assertEquals(
        streamsBefore,
        (int) Eventually.until(server::openEventStreams, open -> open <= streamsBefore),
        "the stream is let go once the order has ended");
  }

  @Test
  void aWatchWhoseConnectionsAreCutStillFollowsTheOrderToItsEnd() throws Exception {
    Tenant tenant = server.newTenant();
    try (DroppableProxy network = new DroppableProxy(server.port())) {
      QmCli qm =
          new QmCli(home, network.baseUrl())
              .login(tenant.memberName(), Tenant.PASSWORD, tenant.projectName());
      int streamsBefore = server.openEventStreams();
      String name = PendingOrder.place(qm).order();
      CompletableFuture<QmCli.Run> watch =
          CompletableFuture.supplyAsync(() -> qm.run("orders", "watch", name));
      Eventually.until(server::openEventStreams, open -> open > streamsBefore || watch.isDone());

      network.dropAll();
      QmCli.Run pay = qm.run("pay", name);
      assertEquals(0, pay.exit(), pay.toString());
      QmCli.Run watched = watch.get();

      assertEquals(0, watched.exit(), watched.toString());
      assertTrue(watched.out().contains("order " + name + " successed in"), watched.out());
    }
  }

  @Test
  void againstAServiceWithoutTheStreamWatchPollsShowOrderToTheEnd() throws Exception {
    Tenant tenant = server.newTenant();
    try (StreamlessRelay older = new StreamlessRelay(server.baseUrl())) {
      QmCli qm =
          new QmCli(home, older.baseUrl())
              .login(tenant.memberName(), Tenant.PASSWORD, tenant.projectName());
      String name = PendingOrder.place(qm).order();
      CompletableFuture<QmCli.Run> watch =
          CompletableFuture.supplyAsync(() -> qm.run("orders", "watch", name));
      Eventually.until(older::refusedStreams, refused -> refused > 0 || watch.isDone());

      QmCli.Run pay = qm.run("pay", name);
      assertEquals(0, pay.exit(), pay.toString());
      QmCli.Run watched = watch.get();

      assertEquals(0, watched.exit(), watched.toString());
      assertTrue(watched.out().contains("order " + name + " successed in"), watched.out());
      assertEquals(1, older.refusedStreams(), "a refused stream is not asked for again");
    }
  }
}
