package io.quartermaster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.json.Json;
import io.quartermaster.testing.DocumentedScript;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's walk-through, exactly as written there, twice in a row against one real server
 * of its own: if the README drifts from what the service does, or a second run trips over what the
 * first one made, this fails. {@code QuickStartIT} runs it after a plain {@code ./qm serve}.
 */
class ReadmeWalkthroughTest {

  static final Path README = Path.of("README.md");
  static final String MARKER = "walkthrough";

  @Test
  void theReadmeWalkthroughWorksAsWrittenAndAgainOnTheSameServer(@TempDir Path dataDir)
      throws Exception {
    List<String> runs =
        DocumentedScript.runRepeatedly(README, MARKER, dataDir, 2, Duration.ofSeconds(120));

    assertWalkedThrough(runs.get(0), 3);
    assertTrue(runs.get(0).startsWith("201\n201\n"), "project and user created: " + runs.get(0));
    assertWalkedThrough(runs.get(1), 6);
    assertTrue(runs.get(1).startsWith("409\n409\n"), "project and user found: " + runs.get(1));
  }

  /**
   * What a run that went as the README says printed: the flavors, the order's items, the running
   * pool, an access key and, last, the pool's three orders of this run, newest first, all
   * successed, with {@code ordersInAll} counting those of earlier runs as well.
   */
  static void assertWalkedThrough(String output, int ordersInAll) throws Exception {
    assertTrue(output.contains("\"kind\":\"ResourceFlavorList\""), output);
    assertTrue(output.contains("\"action\":\"createNode\""), output);
    assertTrue(output.contains("\"phase\":\"Running\""), output);
    assertTrue(output.contains("\"credential\":{\"access\":"), output);
    assertTrue(!output.contains("login failed"), output);
    String lastLine = output.strip().substring(output.strip().lastIndexOf('\n') + 1);
    JsonNode orders = Json.mapper().readTree(lastLine);
    assertEquals(ordersInAll, orders.get("count").asInt(), lastLine);
    List<String> operations = new ArrayList<>();
    for (JsonNode order : orders.get("items")) {
      operations.add(order.get("operation").asText());
      assertEquals("successed", order.get("phase").asText(), lastLine);
    }
    assertEquals(List.of("delete", "modify", "apply"), operations, lastLine);
  }
}
