package io.quartermaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.testing.QmCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code qm help COMMAND} with examples, and completion scripts that bash really completes with.
 */
class HelpAndCompletionTest {

  @TempDir Path home;

  @Test
  void helpForACommandShowsItsOptionsAndExamples() {
    QmCli.Run help = QmCli.of(home).run("help", "pools", "create");

    assertEquals(0, help.exit(), help.toString());
    assertTrue(help.out().startsWith("Usage: qm pools create"), help.out());
    assertTrue(help.out().contains("--flavor=FLAVOR"), help.out());
    assertTrue(help.out().contains("Examples:\n  qm pools create pool-vision"), help.out());

    QmCli.Run top = QmCli.of(home).run("--help");
    assertTrue(top.out().contains("Exit statuses: 0 ok, 1 order failed"), top.out());
  }

  @Test
  void bashCompletesCommandsAndOptionValues() throws Exception {
    QmCli.Run script = QmCli.of(home).run("completion", "bash");
    assertEquals(0, script.exit(), script.toString());
    Path file = home.resolve("qm-completion.bash");
    Files.writeString(file, script.out());

    assertEquals("create", complete(file, "qm pools cr"));
    assertEquals("watch", complete(file, "qm orders wa"));
    assertEquals("json", complete(file, "qm flavors -o js"));
    assertEquals(script.out(), QmCli.of(home).run("completion", "zsh").out());
    assertEquals(ExitCodes.USAGE, QmCli.of(home).run("completion", "fish").exit());
  }

  /** What bash offers for the last word of {@code line}, with the script sourced. */
  private static String complete(Path script, String line) throws Exception {
    String words = line + (line.endsWith(" ") ? "''" : "");
    String program =
        "source '"
            + script
            + "'; COMP_WORDS=("
            + words
            + "); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMP_LINE='"
            + line
            + "'; COMP_POINT=${#COMP_LINE}; _complete_qm; echo \"${COMPREPLY[*]}\"";
    // Outside a real completion, bash's compopt complains on stderr; only the offers count.
    Process bash =
        new ProcessBuilder("bash", "-c", program)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertTrue(bash.waitFor(20, TimeUnit.SECONDS));
    return new String(bash.getInputStream().readAllBytes()).strip();
  }
}
