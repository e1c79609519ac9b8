package io.quartermaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.testing.QmCli;
import io.quartermaster.testing.ServiceProcess;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code qm orders watch} in a real pseudo-terminal (tmux, from Debian): the progress bar is
 * redrawn in place and reaches 100%, and the exit status is the order's.
 */
class WatchInTerminalIT {

  private final TestServer server = TestServer.get();
  private final String socket = "qm-watch-" + UUID.randomUUID();

  @TempDir Path home;

  @AfterEach
  void stopTmux() throws Exception {
    tmux("kill-server").waitFor(10, TimeUnit.SECONDS);
  }

  @Test
  void theProgressBarReaches100PercentAndTheExitStatusIsTheOrders() throws Exception {
    Tenant tenant = server.newTenant();
    QmCli qm = QmCli.of(home).login(tenant.memberName(), Tenant.PASSWORD, tenant.projectName());
    // Billed yearly, its order waits for payment: the watch is seen waiting before it runs.
    String order = PendingOrder.place(qm).order();
    Path rc = home.resolve("rc");
    String command =
        "env XDG_CONFIG_HOME='"
            + home
            + "' QM_ENDPOINT='"
            + server.baseUrl()
            + "' TERM=xterm-256color '"
            + ServiceProcess.root().resolve("qm")
            + "' orders watch "
            + order
            + "; echo $? > '"
            + rc
            + "'; sleep 60";
    Process start = tmux("new-session", "-d", "-x", "100", "-y", "30", command);
    assertEquals(0, start.waitFor(10, TimeUnit.SECONDS) ? start.exitValue() : -1);

    List<String> screens = new ArrayList<>();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (!screens.isEmpty() && !screens.get(screens.size() - 1).contains("0/3  0%")
        || screens.isEmpty()) {
      assertTrue(Instant.now().isBefore(deadline), "no waiting order:\n" + screens);
      Thread.sleep(300);
      screens.add(screen());
    }
    assertTrue(
        screens.get(screens.size() - 1).contains("pending"), screens.get(screens.size() - 1));
    String pay = "/v1/" + tenant.projectId() + "/orders/" + order + "/pay";
    assertEquals(200, tenant.member().post(pay, Map.of()).status());
    while (!Files.exists(rc) || Files.readString(rc).isBlank()) {
      assertTrue(
          Instant.now().isBefore(deadline),
          "watch did not end:\n" + String.join("\n--\n", screens));
      screens.add(screen());
      Thread.sleep(300);
    }
    String last = screen();

    assertEquals("0", Files.readString(rc).strip(), last);
    assertTrue(last.contains("100%"), last);
    assertTrue(last.contains("3/3"), last);
    assertTrue(last.contains("order " + order + " successed in"), last);
    assertEquals(
        1, count(last, "100%"), "the bar was redrawn in place, not printed again:\n" + last);
  }

  private String screen() throws Exception {
    Process capture = tmux("capture-pane", "-p");
    assertTrue(capture.waitFor(10, TimeUnit.SECONDS));
    return new String(capture.getInputStream().readAllBytes());
  }

  private Process tmux(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
