package io.quartermaster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.testing.DocumentedScript;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the README's block on idempotency keys, exactly as written. */
class ReadmeIdempotencyTest {

  @Test
  void theReadmeIdempotencyBlockWorksAsWritten(@TempDir Path dataDir) throws Exception {
    String output =
        DocumentedScript.run(Path.of("README.md"), "idempotency", dataDir, Duration.ofSeconds(60));
    List<String> lines = output.lines().toList();
    assertEquals("HTTP/1.1 200 OK", lines.get(0), output);
    assertEquals("HTTP/1.1 200 OK", lines.get(1), output);
    assertEquals("idempotent-replayed: true", lines.get(2).toLowerCase(), output);
    assertEquals("\"count\":1", lines.get(3), output);
    assertTrue(lines.get(4).contains("\"error_code\":\"ModelArts.50004220\""), output);
  }
}
