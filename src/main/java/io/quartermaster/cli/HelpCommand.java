package io.quartermaster.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code qm help [COMMAND...]}: the usage of any command, however deep ({@code qm help pools
 * create}); picocli's own help command looks one level down only.
 */
@Command(
    name = "help",
    helpCommand = true,
    description = "Show the usage and examples of a command, e.g. qm help pools create.")
public final class HelpCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command, word by word.")
  List<String> path;

  @Override
  public Integer call() {
    CommandLine command = spec.root().commandLine();
    if (path != null) {
      for (String word : path) {
        CommandLine next = command.getSubcommands().get(word);
        if (next == null) {
          throw CliException.usage(
              "there is no command " + command.getCommandSpec().qualifiedName() + " " + word);
        }
        command = next;
      }
    }
    command.usage(spec.commandLine().getOut(), spec.commandLine().getColorScheme());
    return ExitCodes.OK;
  }
}
