package io.quartermaster.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/**
 * How the command line reports failures: one line on standard error and the exit status of its
 * class. A wrong command line names the help to read instead of printing all of it; a bug of the
 * client says so, with its stack trace only when {@code QM_DEBUG} is set.
 */
public final class Failures implements IExecutionExceptionHandler, IParameterExceptionHandler {

  private final CliContext context;

  public Failures(CliContext context) {
    this.context = context;
  }

  @Override
  public int handleExecutionException(
      Exception e, CommandLine command, CommandLine.ParseResult parsed) {
    PrintWriter err = context.err();
    if (e instanceof CliException failure) {
      err.println("qm: " + failure.getMessage());
      err.flush();
      return failure.exitCode();
    }
    if (e instanceof InterruptedException) {
      err.println("qm: interrupted");
      err.flush();
      return 130;
    }
    err.println("qm: unexpected failure of the client: " + e);
    if (context.env().containsKey("QM_DEBUG")) {
      e.printStackTrace(err);
    } else {
      err.println("qm: run again with QM_DEBUG=1 for the details");
    }
    err.flush();
    return ExitCodes.INTERNAL;
  }

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    PrintWriter err = context.err();
    err.println("qm: " + e.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
    String path = e.getCommandLine().getCommandSpec().qualifiedName(" ");
    String help = path.equals("qm") ? "qm --help" : "qm help " + path.substring(3);
    err.println("Run '" + help + "' for usage.");
    err.flush();
    return ExitCodes.USAGE;
  }
}
