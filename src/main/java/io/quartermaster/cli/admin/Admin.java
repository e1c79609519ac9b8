package io.quartermaster.cli.admin;

import io.quartermaster.cli.CliContext;
import io.quartermaster.cli.ClientOptions;
import io.quartermaster.cli.ExitCodes;
import io.quartermaster.cli.OutputFormat;
import io.quartermaster.cli.OutputOption;
import io.quartermaster.cli.Printer;
import io.quartermaster.cli.ServiceClient;

/** What the admin commands print after a change. */
final class Admin {

  private Admin() {}

  /** The service's answer for {@code -o json|yaml}, else {@code line}. */
  static int report(
      CliContext context,
      ClientOptions client,
      OutputOption output,
      ServiceClient.Response answer,
      String line) {
    if (output.format() == OutputFormat.TABLE) {
      return done(context, line);
    }
    new Printer(context, client.style()).document(output.format(), answer.body());
    return ExitCodes.OK;
  }

  static int done(CliContext context, String line) {
    context.out().println(line);
    context.out().flush();
    return ExitCodes.OK;
  }
}
