package io.quartermaster;

import io.helidon.logging.common.LogConfig;
import io.quartermaster.app.ServeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code qm}: the service and its command-line tools. */
@Command(
    name = "qm",
    mixinStandardHelpOptions = true,
    version = "Quartermaster 0.1.0",
    description = "Quartermaster: a self-hosted order service for ML compute pools.",
    subcommands = {ServeCommand.class})
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    LogConfig.configureRuntime();
    int exit = new CommandLine(new Main()).execute(args);
    if (exit != 0) {
      System.exit(exit);
    }
  }
}
