package io.quartermaster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.testing.DocumentedScript;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the README's block on event streams, markers and the export, exactly as written. */
class ReadmeEventsTest {

  @Test
  void theReadmeEventsBlockWorksAsWritten(@TempDir Path dataDir) throws Exception {
    String output =
        DocumentedScript.run(Path.of("README.md"), "events", dataDir, Duration.ofSeconds(120));
    List<String> lines = output.lines().toList();
    assertEquals("id:1", lines.getFirst(), output);
    assertTrue(output.contains("event:order.placed\n"), output);
    assertTrue(output.contains("event:order.successed\n"), output);
    assertTrue(output.contains("\"progress\":{\"total\":3,\"settled\":3,\"failed\":0}"), output);
    assertTrue(output.contains("{\"count\":1,\"items\":[{"), output);
    // The page after the newest order (pool-other's) is the older one, and the last.
    String second =
        lines.stream().filter(l -> l.startsWith("{\"count\":2,")).findFirst().orElseThrow();
    assertTrue(second.contains("\"resourceDisplayName\":\"pool-watch\""), second);
    assertTrue(!second.contains("pool-other") && !second.contains("nextMarker"), second);
    assertTrue(output.contains("creationTimestamp,beginTimestamp,endTimestamp,orderName,"), output);
    assertEquals(2, lines.stream().filter(l -> l.contains(",apply,")).count(), output);
  }
}
