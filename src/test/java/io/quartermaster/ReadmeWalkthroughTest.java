package io.quartermaster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.app.Application;
import io.quartermaster.app.Config;
import io.quartermaster.identity.IdentityConfig;
import io.quartermaster.testing.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's walk-through, exactly as written there, against a real server of its own: if
 * the README drifts from what the service does, this fails.
 */
class ReadmeWalkthroughTest {

  private static final Pattern WALKTHROUGH =
      Pattern.compile(
          "<!-- walkthrough:start -->\\s*```bash\\n(.*?)```\\s*<!-- walkthrough:end -->",
          Pattern.DOTALL);

  @Test
  void theReadmeWalkthroughWorksAsWritten(@TempDir Path dataDir) throws Exception {
    String script = walkthrough();
    Config base = TestServer.testConfig(dataDir);
    Config config =
        base.withIdentity(
            new IdentityConfig(
                Optional.of("change-me-now"),
                base.identity().tokenTtl(),
                base.identity().passwordIterations()));
    try (Application app = Application.start(config, Clock.systemUTC())) {
      ProcessBuilder builder =
          new ProcessBuilder("bash", "-euo", "pipefail", "-c", script)
              .redirectErrorStream(true)
              .redirectOutput(dataDir.resolve("walkthrough.out").toFile());
      builder.environment().put("QM", "http://127.0.0.1:" + app.port());
      builder.environment().remove("QM_ADMIN_PASSWORD");
      Process bash = builder.start();
      assertTrue(bash.waitFor(120, TimeUnit.SECONDS), "walk-through did not finish");
      String output = Files.readString(dataDir.resolve("walkthrough.out"));
      assertEquals(0, bash.exitValue(), output);
      assertTrue(output.contains("\"kind\":\"ResourceFlavorList\""), output);
      assertTrue(output.contains("\"action\":\"createNode\""), output);
      assertTrue(output.contains("\"phase\":\"Running\""), output);
      assertTrue(output.contains("\"credential\":{\"access\":"), output);
      String lastLine = output.strip().substring(output.strip().lastIndexOf('\n') + 1);
      assertTrue(lastLine.startsWith("{\"count\":3,"), lastLine);
      assertEquals(3, count(lastLine, "\"phase\":\"successed\""), lastLine);
      assertEquals(1, count(lastLine, "\"operation\":\"delete\""), lastLine);
    }
  }

  private static String walkthrough() throws IOException {
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    Matcher matcher = WALKTHROUGH.matcher(readme);
    assertTrue(matcher.find(), "README.md has no walk-through between its markers");
    return matcher.group(1);
  }

  private static int count(String text, String needle) {
    int count = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      count++;
    }
    return count;
  }
}
