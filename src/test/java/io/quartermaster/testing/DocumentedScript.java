package io.quartermaster.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.app.Application;
import io.quartermaster.app.Config;
import io.quartermaster.identity.IdentityConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a shell walk-through of the documentation exactly as written there, against a real server,
 * so that a document that drifts from what the service does fails the build. The script gets the
 * server's address in {@code QM} and the admin's password in {@code QM_ADMIN_PASSWORD}, as the
 * documents tell their readers to set them.
 */
public final class DocumentedScript {

  /** The admin password of the servers started here, as the documents suggest it. */
  public static final String ADMIN_PASSWORD = "change-me-now";

  private DocumentedScript() {}

  /**
   * The {@code bash} block between {@code <!-- marker:start -->} and {@code <!-- marker:end -->} of
   * {@code document}.
   */
  public static String block(Path document, String marker) throws Exception {
    Pattern block =
        Pattern.compile(
            "<!-- " + marker + ":start -->\\s*```bash\\n(.*?)```\\s*<!-- " + marker + ":end -->",
            Pattern.DOTALL);
    Matcher matcher = block.matcher(Files.readString(document));
    assertTrue(matcher.find(), document + " has no " + marker + " between its markers");
    return matcher.group(1);
  }

  /** Runs the block once against a server of its own; answers what it printed. */
  public static String run(Path document, String marker, Path dataDir, Duration timeout)
      throws Exception {
    return runRepeatedly(document, marker, dataDir, 1, timeout).getFirst();
  }

  /**
   * Runs the block {@code runs} times in a row against one server of its own (admin password {@link
   * #ADMIN_PASSWORD}), each within {@code timeout}; answers what each run printed.
   */
  public static List<String> runRepeatedly(
      Path document, String marker, Path dataDir, int runs, Duration timeout) throws Exception {
    return runRepeatedly(document, marker, dataDir, runs, timeout, Map.of());
  }

  /** As {@link #runRepeatedly(Path, String, Path, int, Duration)}, with {@code env} added. */
  public static List<String> runRepeatedly(
      Path document,
      String marker,
      Path dataDir,
      int runs,
      Duration timeout,
      Map<String, String> env)
      throws Exception {
    String script = block(document, marker);
    Config base = TestServer.testConfig(dataDir);
    Config config =
        base.withIdentity(
            new IdentityConfig(
                Optional.of(ADMIN_PASSWORD),
                base.identity().tokenTtl(),
                base.identity().passwordIterations()));
    try (Application app = Application.start(config, Clock.systemUTC())) {
      List<String> outputs = new ArrayList<>();
      for (int run = 1; run <= runs; run++) {
        Path out = dataDir.resolve(marker + "-" + run + ".out");
        outputs.add(
            runAgainst(
                script, "http://127.0.0.1:" + app.port(), ADMIN_PASSWORD, out, timeout, env));
      }
      return outputs;
    }
  }

  /**
   * Runs {@code script} with {@code bash -euo pipefail} against the server at {@code baseUrl},
   * writing its output to {@code out}; asserts it exits 0 within {@code timeout} and answers what
   * it printed.
   */
  public static String runAgainst(
      String script, String baseUrl, String adminPassword, Path out, Duration timeout)
      throws Exception {
    return runAgainst(script, baseUrl, adminPassword, out, timeout, Map.of());
  }

  /** As {@link #runAgainst(String, String, String, Path, Duration)}, with {@code env} added. */
  public static String runAgainst(
      String script,
      String baseUrl,
      String adminPassword,
      Path out,
      Duration timeout,
      Map<String, String> env)
      throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder("bash", "-euo", "pipefail", "-c", script)
            .redirectErrorStream(true)
            .redirectOutput(out.toFile());
    builder.environment().put("QM", baseUrl);
    builder.environment().put("QM_ADMIN_PASSWORD", adminPassword);
    builder.environment().putAll(env);
    Process bash = builder.start();
    boolean finished = bash.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (!finished) {
      bash.destroyForcibly();
    }
    String output = Files.readString(out);
    assertTrue(finished, "the script did not finish within " + timeout + ":\n" + output);
    assertEquals(0, bash.exitValue(), output);
    return output;
  }
}
