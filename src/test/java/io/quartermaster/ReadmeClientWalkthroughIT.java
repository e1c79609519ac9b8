package io.quartermaster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.testing.DocumentedScript;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's client walk-through, exactly as written there, with the {@code qm} launcher and
 * the built jar (hence an IT), against a real server of its own, in a config directory of its own.
 */
class ReadmeClientWalkthroughIT {

  @Test
  void theClientWalkthroughWorksAsWritten(@TempDir Path dataDir, @TempDir Path home)
      throws Exception {
    String output =
        DocumentedScript.runRepeatedly(
                Path.of("README.md"),
                "client-walkthrough",
                dataDir,
                1,
                Duration.ofSeconds(300),
                Map.of("XDG_CONFIG_HOME", home.toString(), "HOME", home.toString()))
            .getFirst();
    assertTrue(output.contains("Logged in to http://127.0.0.1:"), output);
    assertTrue(output.contains("as alice (member in project vision-team)"), output);
    assertTrue(output.contains("modelarts.vm.gpu.t4u8"), output);
    assertTrue(output.matches("(?s).*Phase:\\s+Running.*"), output);
    assertEquals(3, count(output, " successed in "), output);
    assertTrue(output.contains("Secret key:  "), output);
    String lastLine = output.strip().substring(output.strip().lastIndexOf('\n') + 1);
    assertTrue(lastLine.startsWith("{\"count\":3,"), lastLine);
    assertEquals(3, count(lastLine, "\"phase\":\"successed\""), lastLine);
    assertEquals(1, count(lastLine, "\"operation\":\"delete\""), lastLine);
  }

  private static int count(String text, String needle) {
    int count = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      count++;
    }
    return count;
  }
}
