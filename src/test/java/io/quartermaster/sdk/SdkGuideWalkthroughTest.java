package io.quartermaster.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.app.Application;
import io.quartermaster.app.Config;
import io.quartermaster.identity.IdentityConfig;
import io.quartermaster.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the access key walk-through of {@code docs/sdk.md}, exactly as written there, against a real
 * server of its own; its hand-made signature (openssl) also checks the signing rules the guide
 * states.
 */
class SdkGuideWalkthroughTest {

  private static final Pattern WALKTHROUGH =
      Pattern.compile(
          "<!-- sdk-walkthrough:start -->\\s*```bash\\n(.*?)```\\s*<!-- sdk-walkthrough:end -->",
          Pattern.DOTALL);

  @Test
  void theAccessKeyWalkthroughWorksAsWritten(@TempDir Path dataDir) throws Exception {
    Matcher matcher = WALKTHROUGH.matcher(Files.readString(Path.of("docs/sdk.md")));
    assertTrue(matcher.find(), "docs/sdk.md has no walk-through between its markers");
    Config base = TestServer.testConfig(dataDir);
    Config config =
        base.withIdentity(
            new IdentityConfig(
                Optional.of("change-me-now"),
                base.identity().tokenTtl(),
                base.identity().passwordIterations()));
    try (Application app = Application.start(config, Clock.systemUTC())) {
      Path out = dataDir.resolve("walkthrough.out");
      ProcessBuilder builder =
          new ProcessBuilder("bash", "-euo", "pipefail", "-c", matcher.group(1))
              .redirectErrorStream(true)
              .redirectOutput(out.toFile());
      builder.environment().put("QM", "http://127.0.0.1:" + app.port());
      builder.environment().remove("QM_ADMIN_PASSWORD");
      Process bash = builder.start();
      assertTrue(bash.waitFor(60, TimeUnit.SECONDS), "walk-through did not finish");
      String output = Files.readString(out);
      assertEquals(0, bash.exitValue(), output);
      List<String> lines = output.strip().lines().toList();
      assertEquals(7, lines.size(), output);
      assertTrue(
          lines
              .get(0)
              .matches(
                  "\\{\"credential\":\\{\"access\":\"[A-Z0-9]{20}\",\"secret\":\"[A-Za-z0-9]{40}\",\"status\":\"active\".*"),
          lines.get(0));
      assertTrue(lines.get(1).startsWith("{\"credentials\":[{"), lines.get(1));
      assertEquals("{\"count\":0,\"items\":[]}", lines.get(3), "the hand-signed call is accepted");
      assertTrue(lines.get(4).contains("\"status\":\"inactive\""), lines.get(4));
      assertEquals(
          "{\"error_code\":\"ModelArts.50001000\",\"error_msg\":\"access key is invalid\"}",
          lines.get(5));
      assertEquals("204", lines.get(6));
    }
  }
}
