package io.quartermaster;

import static io.quartermaster.testing.ServiceProcess.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.DocumentedScript;
import io.quartermaster.testing.Eventually;
import io.quartermaster.testing.Identities;
import io.quartermaster.testing.ServiceProcess;
import io.quartermaster.testing.TempDirs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A newcomer's first steps, as the README has them: the Quick start's plain {@code ./qm serve}, the
 * walk-through with the password it printed, a restart with a {@code QM_ADMIN_PASSWORD} that the
 * existing data ignores (and the service says so), and starting over on a removed data directory.
 */
class QuickStartIT {

  private static final Pattern GENERATED =
      Pattern.compile("Generated admin password for user admin: (\\S+)");

  @TempDir Path tmp;

  private final List<ServiceProcess> processes = new ArrayList<>();

  @AfterEach
  void stopEverything() {
    ServiceProcess.closeAll(processes);
  }

  private ServiceProcess serve(int port, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>(List.of(ServiceProcess.root().resolve("qm").toString()));
    command.add("serve");
    command.addAll(List.of(args));
    Map<String, String> withPort = new HashMap<>(env);
    withPort.put("QM_PORT", "" + port);
    ServiceProcess process = ServiceProcess.start(command, withPort);
    processes.add(process);
    return process.awaitHealthy(port);
  }

  @Test
  void theWalkthroughRunsAfterAPlainServeAndAnIgnoredPasswordIsSaidSo() throws Exception {
    int port = freePort();
    String url = "http://127.0.0.1:" + port;
    // No admin password: the service makes one and prints it. Nodes take 0.5 s instead of 2 s, to
    // keep the walk-through short; it waits for its orders, whatever their pace.
    ServiceProcess first = serve(port, Map.of("QM_SIMULATED_NODE_TIME", "PT0.5S"));
    Matcher printed = GENERATED.matcher(first.stdout());
    assertTrue(printed.find(), first.stdout());
    String generated = printed.group(1);

    String walkthrough = DocumentedScript.block(ReadmeWalkthroughTest.README, "walkthrough");
    String output =
        DocumentedScript.runAgainst(
            walkthrough, url, generated, tmp.resolve("walkthrough.out"), Duration.ofSeconds(180));
    ReadmeWalkthroughTest.assertWalkedThrough(output, 3);
    String log = first.stdout();
    assertTrue(log.contains(" POST /v2/{projectId}/pools 200 "), log);
    assertTrue(log.contains(": successed"), log);
    assertEquals(143, first.stop());

    // A password for a data directory that has its admin: ignored, and the start says so.
    Path data = first.workDir().resolve("data");
    Map<String, String> chosen =
        Map.of("QM_ADMIN_PASSWORD", "change-me-now", "QM_LOG_LEVEL", "warning");
    ServiceProcess restarted = serve(port, chosen, "--data-dir", data.toString());
    // Said beside the start (the check costs a password derivation), soon after it.
    String warning =
        "WARNING io.quartermaster.identity.Bootstrap QM_ADMIN_PASSWORD is set but ignored";
    assertTrue(
        Eventually.until(restarted::stdout, out -> out.contains(warning)).contains(warning),
        restarted.stdout());
    assertEquals(401, login(url, "change-me-now"));
    assertEquals(201, login(url, generated));
    assertFalse(
        restarted.stdout().contains("RequestLog"), "QM_LOG_LEVEL=warning: " + restarted.stdout());
    assertEquals(143, restarted.stop());

    // Starting over: the data directory removed, the chosen password takes.
    TempDirs.deleteQuietly(data);
    ServiceProcess fresh =
        serve(port, Map.of("QM_ADMIN_PASSWORD", "change-me-now"), "--data-dir", data.toString());
    assertEquals(201, login(url, "change-me-now"));
    assertFalse(fresh.stdout().contains("ignored"), fresh.stdout());
    assertFalse(fresh.stdout().contains("Generated admin password"), fresh.stdout());
  }

  private static int login(String url, String password) {
    return new ApiClient(url, null)
        .post("/v3/auth/tokens", Identities.passwordAuth("admin", password, "default"))
        .status();
  }
}
