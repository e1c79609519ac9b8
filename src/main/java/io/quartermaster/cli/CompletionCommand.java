package io.quartermaster.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code qm completion bash|zsh}: the completion script picocli generates from the command tree.
 * The one script serves both shells: in zsh it loads {@code bashcompinit} itself.
 */
@Command(
    name = "completion",
    description = "Print the shell completion script for bash or zsh.",
    mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {
      "  source <(qm completion bash)                  # this shell",
      "  qm completion bash > ~/.local/share/bash-completion/completions/qm",
      "  qm completion zsh > \"${fpath[1]}/_qm\"         # zsh, then restart it"
    })
public final class CompletionCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "SHELL",
      completionCandidates = Shells.class,
      description = "bash or zsh.")
  String shell;

  private final CliContext context;

  CompletionCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (!shell.equals("bash") && !shell.equals("zsh")) {
      throw CliException.usage("completion is for bash or zsh, not " + shell);
    }
    context.out().print(AutoComplete.bash("qm", spec.root().commandLine()));
    context.out().flush();
    return ExitCodes.OK;
  }

  static final class Shells implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return java.util.List.of("bash", "zsh").iterator();
    }
  }
}
