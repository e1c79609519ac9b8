package io.quartermaster.cli;

/**
 * A failure a client command reports as one line on standard error, with the exit status of its
 * class ({@link ExitCodes}). The only exception the commands throw on purpose; anything else is a
 * bug of the client.
 */
public final class CliException extends RuntimeException {

  private final int exitCode;

  public CliException(int exitCode, String message) {
    // No stack trace: the message is the whole report, and it is printed without one.
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }

  public static CliException usage(String message) {
    return new CliException(ExitCodes.USAGE, message);
  }

  public static CliException auth(String message) {
    return new CliException(ExitCodes.AUTH, message);
  }

  public static CliException notFound(String message) {
    return new CliException(ExitCodes.NOT_FOUND, message);
  }

  public static CliException server(String message) {
    return new CliException(ExitCodes.SERVER, message);
  }
}
