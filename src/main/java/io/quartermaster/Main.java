package io.quartermaster;

import io.quartermaster.app.ServeCommand;
import io.quartermaster.cli.CliContext;
import io.quartermaster.cli.CommandFactory;
import io.quartermaster.cli.CompletionCommand;
import io.quartermaster.cli.ExitCodes;
import io.quartermaster.cli.Failures;
import io.quartermaster.cli.HelpCommand;
import io.quartermaster.cli.Style;
import io.quartermaster.cli.admin.KeysCommand;
import io.quartermaster.cli.admin.ProjectsCommand;
import io.quartermaster.cli.admin.RolesCommand;
import io.quartermaster.cli.admin.UsersCommand;
import io.quartermaster.cli.auth.LoginCommand;
import io.quartermaster.cli.auth.LogoutCommand;
import io.quartermaster.cli.auth.ProfilesCommand;
import io.quartermaster.cli.auth.WhoamiCommand;
import io.quartermaster.cli.event.EventsCommand;
import io.quartermaster.cli.order.OrderActionCommand;
import io.quartermaster.cli.order.OrdersCommand;
import io.quartermaster.cli.pool.FlavorsCommand;
import io.quartermaster.cli.pool.PoolsCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code qm}: the service ({@code serve}) and the client commands that talk to a running service
 * over HTTP (io.quartermaster.cli). A client command loads none of the server's machinery.
 */
@Command(
    name = "qm",
    mixinStandardHelpOptions = true,
    version = "Quartermaster 0.1.0",
    description =
        "Quartermaster: a self-hosted order service for ML compute pools, and its client.",
    subcommands = {
      ServeCommand.class,
      LoginCommand.class,
      LogoutCommand.class,
      WhoamiCommand.class,
      ProfilesCommand.class,
      PoolsCommand.class,
      OrdersCommand.class,
      OrderActionCommand.Pay.class,
      OrderActionCommand.Cancel.class,
      OrderActionCommand.Approve.class,
      OrderActionCommand.Reject.class,
      EventsCommand.class,
      FlavorsCommand.class,
      KeysCommand.class,
      UsersCommand.class,
      ProjectsCommand.class,
      RolesCommand.class,
      CompletionCommand.class,
      HelpCommand.class
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  qm login --user alice --project vision-team",
      "  qm pools create pool-vision --flavor modelarts.vm.gpu.t4u8 --count 3 --wait",
      "  qm orders list --pool pool-vision",
      "  qm help pools create",
      "%nExit statuses: 0 ok, 1 order failed, 2 usage, 3 auth, 4 not found, 5 conflict,"
          + " 6 service failed or unreachable, 7 timed out."
    })
public final class Main implements Callable<Integer> {

  @Spec CommandSpec spec;

  private Main() {}

  public static void main(String[] args) {
    int exit = run(CliContext.system(), args);
    // Not on 0: `serve` returns from its shutdown hook's wait, and exit() there would block.
    if (exit != 0) {
      System.exit(exit);
    }
  }

  /**
   * Runs {@code qm args} with {@code context}'s streams and environment; answers the exit status.
   */
  public static int run(CliContext context, String... args) {
    return commandLine(context).execute(args);
  }

  public static CommandLine commandLine(CliContext context) {
    Failures failures = new Failures(context);
    return new CommandLine(new Main(), new CommandFactory(context))
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setOut(context.out())
        .setErr(context.err())
        .setColorScheme(CommandLine.Help.defaultColorScheme(Style.of(context, false).ansi()))
        .setExecutionExceptionHandler(failures)
        .setParameterExceptionHandler(failures);
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }
}
