package io.quartermaster.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.testing.DocumentedScript;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the access key walk-through of {@code docs/sdk.md}, exactly as written there, against a real
 * server of its own; its hand-made signature (openssl) also checks the signing rules the guide
 * states.
 */
class SdkGuideWalkthroughTest {

  @Test
  void theAccessKeyWalkthroughWorksAsWritten(@TempDir Path dataDir) throws Exception {
    String output =
        DocumentedScript.run(
            Path.of("docs/sdk.md"), "sdk-walkthrough", dataDir, Duration.ofSeconds(60));
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
