package io.quartermaster.cli;

import picocli.CommandLine.Option;

/** {@code -o}/{@code --output}, on every command that prints what the service answers. */
public final class OutputOption {

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "table",
      completionCandidates = OutputFormat.Names.class,
      description = "table (default), json (the service's own), yaml or csv.")
  OutputFormat format;

  public OutputFormat format() {
    return format;
  }
}
