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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a shell walk-through of the documentation exactly as written there, against a real server of
 * its own (admin password {@code change-me-now}, as the documents say), so that a document that
 * drifts from what the service does fails the build.
 */
public final class DocumentedScript {

  private DocumentedScript() {}

  /**
   * Runs the {@code bash} block between {@code <!-- marker:start -->} and {@code <!-- marker:end
   * -->} of {@code document} with {@code bash -euo pipefail}, {@code QM} pointing at the server;
   * asserts it exits 0 and answers what it printed.
   */
  public static String run(Path document, String marker, Path dataDir, Duration timeout)
      throws Exception {
    return run(document, marker, dataDir, timeout, Map.of());
  }

  /** As {@link #run(Path, String, Path, Duration)}, with {@code env} added to the script's. */
  public static String run(
      Path document, String marker, Path dataDir, Duration timeout, Map<String, String> env)
      throws Exception {
    Pattern block =
        Pattern.compile(
            "<!-- " + marker + ":start -->\\s*```bash\\n(.*?)```\\s*<!-- " + marker + ":end -->",
            Pattern.DOTALL);
    Matcher matcher = block.matcher(Files.readString(document));
    assertTrue(matcher.find(), document + " has no " + marker + " between its markers");
    Config base = TestServer.testConfig(dataDir);
    Config config =
        base.withIdentity(
            new IdentityConfig(
                Optional.of("change-me-now"),
                base.identity().tokenTtl(),
                base.identity().passwordIterations()));
    try (Application app = Application.start(config, Clock.systemUTC())) {
      Path out = dataDir.resolve(marker + ".out");
      ProcessBuilder builder =
          new ProcessBuilder("bash", "-euo", "pipefail", "-c", matcher.group(1))
              .redirectErrorStream(true)
              .redirectOutput(out.toFile());
      builder.environment().put("QM", "http://127.0.0.1:" + app.port());
      builder.environment().remove("QM_ADMIN_PASSWORD");
      builder.environment().putAll(env);
      Process bash = builder.start();
      boolean finished = bash.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!finished) {
        bash.destroyForcibly();
      }
      String output = Files.readString(out);
      assertTrue(finished, marker + " did not finish within " + timeout + ":\n" + output);
      assertEquals(0, bash.exitValue(), output);
      return output;
    }
  }
}
