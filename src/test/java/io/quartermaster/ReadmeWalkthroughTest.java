package io.quartermaster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.testing.DocumentedScript;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's walk-through, exactly as written there, against a real server of its own: if
 * the README drifts from what the service does, this fails.
 */
class ReadmeWalkthroughTest {

  @Test
  void theReadmeWalkthroughWorksAsWritten(@TempDir Path dataDir) throws Exception {
    String output =
        DocumentedScript.run(Path.of("README.md"), "walkthrough", dataDir, Duration.ofSeconds(120));
    assertTrue(output.contains("\"kind\":\"ResourceFlavorList\""), output);
    assertTrue(output.contains("\"action\":\"createNode\""), output);
    assertTrue(output.contains("\"phase\":\"Running\""), output);
    assertTrue(output.contains("\"credential\":{\"access\":"), output);
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
