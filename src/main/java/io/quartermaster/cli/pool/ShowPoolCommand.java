package io.quartermaster.cli.pool;

import io.quartermaster.cli.CliContext;
import io.quartermaster.cli.ClientOptions;
import io.quartermaster.cli.ExitCodes;
import io.quartermaster.cli.OutputFormat;
import io.quartermaster.cli.OutputOption;
import io.quartermaster.cli.Printer;
import io.quartermaster.cli.ServiceClient;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code qm pools show}: ShowPool. */
@Command(
    name = "show",
    aliases = "get",
    description = "Show a pool: phase, resources, nodes by state, its latest order.",
    mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {"  qm pools show pool-vision", "  qm pools show pool-vision -o json | jq .status"})
final class ShowPoolCommand implements Callable<Integer> {

  @Mixin ClientOptions client;
  @Mixin OutputOption output;

  @Parameters(paramLabel = "POOL", description = "The pool's name.")
  String pool;

  private final CliContext context;

  ShowPoolCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    ServiceClient service = client.session().client();
    ServiceClient.Response answer =
        service.call(
            "GET",
            service.v2("pools", PoolNames.resolve(pool, service.projectId())),
            Map.of(),
            null,
            null);
    OutputFormat format = output.format();
    new Printer(context, client.style())
        .details(format, answer.body(), answer.requireJson(), PoolColumns.details(context.clock()));
    return ExitCodes.OK;
  }
}
