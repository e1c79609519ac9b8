package io.quartermaster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.json.Json;
import io.quartermaster.testing.DocumentedScript;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's client walk-through, exactly as written there, with the {@code qm} launcher and
 * the built jar (hence an IT), twice in a row against one real server of its own, in a config
 * directory of its own: if the README drifts from what the client does, or a second run trips over
 * what the first one made, this fails.
 */
class ReadmeClientWalkthroughIT {

  @Test
  void theClientWalkthroughWorksAsWrittenAndAgainOnTheSameServer(
      @TempDir Path dataDir, @TempDir Path home) throws Exception {
    List<String> runs =
        DocumentedScript.runRepeatedly(
            Path.of("README.md"),
            "client-walkthrough",
            dataDir,
            2,
            Duration.ofSeconds(300),
            Map.of("XDG_CONFIG_HOME", home.toString(), "HOME", home.toString()));

    assertWalkedThrough(runs.get(0), 3);
    assertFalse(runs.get(0).contains("already exists"), runs.get(0));
    assertWalkedThrough(runs.get(1), 6);
    assertTrue(runs.get(1).contains("A project named vision-team already exists."), runs.get(1));
    assertTrue(runs.get(1).contains("A user named alice already exists."), runs.get(1));
  }

  /**
   * What a run that went as the README says printed: alice logged in, the flavors, the running
   * pool, three orders successed, a one-time secret key and, last, the pool's orders as JSON,
   * newest first: this run's delete, modify and apply, with {@code ordersInAll} counting those of
   * earlier runs as well.
   */
  private static void assertWalkedThrough(String output, int ordersInAll) throws Exception {
    assertTrue(output.contains("Logged in to http://127.0.0.1:"), output);
    assertTrue(output.contains("as alice (member in project vision-team)"), output);
    assertTrue(output.contains("modelarts.vm.gpu.t4u8"), output);
    assertTrue(output.matches("(?s).*Phase:\\s+Running.*"), output);
    assertTrue(output.contains("Secret key:  "), output);
    String lastLine = output.strip().substring(output.strip().lastIndexOf('\n') + 1);
    JsonNode orders = Json.mapper().readTree(lastLine);
    assertEquals(ordersInAll, orders.get("count").asInt(), lastLine);
    List<String> operations = new ArrayList<>();
    for (JsonNode order : orders.get("items")) {
      operations.add(order.get("operation").asText());
      assertEquals("successed", order.get("phase").asText(), lastLine);
    }
    assertEquals(List.of("delete", "modify", "apply"), operations.subList(0, 3), lastLine);
    assertEquals(ordersInAll, operations.size(), lastLine);
  }
}
