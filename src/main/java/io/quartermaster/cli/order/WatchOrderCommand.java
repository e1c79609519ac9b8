package io.quartermaster.cli.order;

import io.quartermaster.cli.CliContext;
import io.quartermaster.cli.ClientOptions;
import io.quartermaster.cli.WaitOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code qm orders watch}: follows an order live until it ends. */
@Command(
    name = "watch",
    description = {
      "Follow an order until it ends: a progress bar of its items on a terminal, a line per change"
          + " elsewhere.",
      "Exits 0 when the order successed, 1 when it failed (the reason on standard error), 7 when"
          + " --timeout passed first."
    },
    mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {
      "  qm orders watch order.pool-vision-x3k9a",
      "  qm orders watch order.pool-vision-x3k9a --timeout 10m && echo ready"
    })
final class WatchOrderCommand implements Callable<Integer> {

  @Mixin ClientOptions client;

  @Parameters(paramLabel = "ORDER", description = "The order's name or id.")
  String order;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "30m",
      description = "Give up after this long with exit 7 (default ${DEFAULT-VALUE}).")
  String timeout;

  private final CliContext context;

  WatchOrderCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws InterruptedException {
    return OrderWaiter.await(
        context, client.style(), client.session().client(), order, WaitOptions.parse(timeout));
  }
}
