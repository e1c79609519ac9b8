package io.quartermaster.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.app.Application;
import io.quartermaster.http.ReadTimeouts;
import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.Identities;
import io.quartermaster.testing.SseClient;
import io.quartermaster.testing.TempDirs;
import io.quartermaster.testing.TestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Slow clients, played with raw sockets against a service whose header and body timeouts are one
 * second and whose idle timeout is two: each is cut off soon after its time, while other clients
 * are served meanwhile, and a client within the limits is served as usual.
 */
class SlowClientTest {

  private static final Duration HEADER = Duration.ofSeconds(1);
  private static final Duration BODY = Duration.ofSeconds(1);
  private static final Duration IDLE = Duration.ofSeconds(2);

  private static Path dataDir;
  private static Application app;

  @BeforeAll
  static void start() throws Exception {
    dataDir = Files.createTempDirectory("qm-slow-clients-");
    app =
        Application.start(
            TestServer.testConfig(dataDir)
                .withLimits(
                    LimitsConfig.DEFAULT.withReadTimeouts(new ReadTimeouts(HEADER, BODY, IDLE))),
            Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
    TempDirs.deleteQuietly(dataDir);
  }

  @Test
  void headersSentByteByByteAreCutOffWhileOthersAreServed() throws Exception {
    try (Socket slow = connect()) {
      send(slow, "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n");
      long start = System.nanoTime();
      CompletableFuture<Void> trickle = trickle(slow, "X-Slow: " + "a".repeat(200) + "\r\n\r\n");
      CompletableFuture<Duration> cut = cutOff(slow, start);
      // Served meanwhile, on connections of their own.
      for (int i = 0; i < 3; i++) {
        assertEquals(200, statusOf(connectAndGet("/health")));
      }
      assertCutOffAfter(cut.get(), HEADER);
      trickle.cancel(true);
    }
  }

  @Test
  void aRequestLineTrickledInIsCutOffByTheIdleTimeout() throws Exception {
    try (Socket slow = connect()) {
      long start = System.nanoTime();
      CompletableFuture<Void> trickle = trickle(slow, "GET /health" + "?a".repeat(100));
      CompletableFuture<Duration> cut = cutOff(slow, start);
      assertEquals(200, statusOf(connectAndGet("/health")));
      // Helidon's idle check reads a clock that moves once a second.
      assertCutOffAfter(cut.get(), IDLE.minusSeconds(1));
      trickle.cancel(true);
    }
  }

  @Test
  void aBodySlowerThanTheLimitIsCutOffAndNothingIsCreated() throws Exception {
    ApiClient admin =
        new Identities(new ApiClient("http://127.0.0.1:" + app.port(), null))
            .login("admin", TestServer.ADMIN_PASSWORD, "default");
    HttpResult projects = admin.get("/v3/auth/projects");
    String projectId = projects.body().at("/projects/0/id").asText();
    String body =
        "{\"apiVersion\":\"v2\",\"kind\":\"Pool\",\"metadata\":{\"labels\":"
            + "{\"os.modelarts/name\":\"slow-body\"}},\"spec\":{\"resources\":"
            + "[{\"flavor\":\"modelarts.vm.cpu.8ud\",\"count\":1}]}}";
    try (Socket slow = connect()) {
      send(
          slow,
          "POST /v2/"
              + projectId
              + "/pools HTTP/1.1\r\nHost: 127.0.0.1\r\n"
              + "X-Auth-Token: "
              + admin.token()
              + "\r\nContent-Type: application/json\r\n"
              + "Content-Length: "
              + body.length()
              + "\r\n\r\n");
      long start = System.nanoTime();
      CompletableFuture<Void> trickle = trickle(slow, body);
      CompletableFuture<Duration> cut = cutOff(slow, start);
      assertEquals(200, statusOf(connectAndGet("/health")));
      assertCutOffAfter(cut.get(), BODY);
      trickle.cancel(true);
    }
    HttpResult pools = admin.get("/v2/" + projectId + "/pools");
    assertEquals(200, pools.status(), pools::toString);
    assertFalse(pools.rawBody().contains("slow-body"), pools::toString);
  }

  @Test
  void aClientThatPausesWithinTheLimitsIsServed() throws Exception {
    try (Socket client = connect()) {
      send(client, "POST /v3/auth/tokens HTTP/1.1\r\nHost: 127.0.0.1\r\n");
      Thread.sleep(300);
      String body = "{\"auth\":{}}";
      send(
          client,
          "Content-Type: application/json\r\nContent-Length: "
              + body.length()
              + "\r\n"
              + "Connection: close\r\n\r\n"
              + body.substring(0, 5));
      Thread.sleep(300);
      send(client, body.substring(5));
      // A bad body, answered as such: the pauses did not cut the client off.
      assertEquals(400, statusOf(readHead(client)));
    }
  }

  @Test
  void aStreamThatLastsLongerThanEveryTimeoutIsNotCutOff() throws Exception {
    ApiClient admin =
        new Identities(new ApiClient("http://127.0.0.1:" + app.port(), null))
            .login("admin", TestServer.ADMIN_PASSWORD, "default");
    String projectId = admin.get("/v3/auth/projects").body().at("/projects/0/id").asText();
    try (SseClient stream = SseClient.open(admin, "/v1/" + projectId + "/events")) {
      assertEquals(200, stream.status());
      Thread.sleep(IDLE.toMillis() + 1000);
      int heartbeats = stream.comments();
      Thread.sleep(1500);
      assertTrue(stream.comments() > heartbeats, "the stream stopped after " + heartbeats);
    }
  }

  private static Socket connect() throws IOException {
    Socket socket = new Socket("127.0.0.1", app.port());
    socket.setSoTimeout(15_000);
    return socket;
  }

  private static void send(Socket socket, String text) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** Sends {@code text} one byte every 100 ms, until it is sent or the connection is cut. */
  private static CompletableFuture<Void> trickle(Socket socket, String text) {
    return CompletableFuture.runAsync(
        () -> {
          try {
            for (byte b : text.getBytes(StandardCharsets.US_ASCII)) {
              socket.getOutputStream().write(b);
              socket.getOutputStream().flush();
              Thread.sleep(100);
            }
          } catch (IOException | InterruptedException e) {
            // cut off, as expected
          }
        });
  }

  /** How long after {@code start} the server closed {@code slow}; fails if it answered. */
  private static CompletableFuture<Duration> cutOff(Socket slow, long start) {
    return CompletableFuture.supplyAsync(
        () -> {
          int read;
          try {
            read = slow.getInputStream().read();
          } catch (IOException closed) {
            read = -1;
          }
          assertEquals(-1, read, "the server answered instead of closing");
          return Duration.ofNanos(System.nanoTime() - start);
        });
  }

  /** Cut off after {@code limit}, and long before the trickle could have ended. */
  private static void assertCutOffAfter(Duration took, Duration limit) {
    assertTrue(took.compareTo(limit.minusMillis(100)) >= 0, "cut off too early: " + took);
    assertTrue(took.compareTo(limit.plusSeconds(4)) <= 0, "cut off too late: " + took);
  }

  private static String connectAndGet(String path) throws IOException {
    try (Socket socket = connect()) {
      send(socket, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
      return readHead(socket);
    }
  }

  /** The status line and headers of the answer on {@code socket}. */
  private static String readHead(Socket socket) throws IOException {
    StringBuilder head = new StringBuilder();
    while (head.indexOf("\r\n\r\n") < 0) {
      int b = socket.getInputStream().read();
      if (b < 0) {
        break;
      }
      head.append((char) b);
    }
    return head.toString();
  }

  private static int statusOf(String response) {
    assertTrue(response.startsWith("HTTP/1.1 "), response);
    return Integer.parseInt(response.substring(9, 12));
  }
}
