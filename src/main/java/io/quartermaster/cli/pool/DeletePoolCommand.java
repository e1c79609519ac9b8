package io.quartermaster.cli.pool;

import io.quartermaster.cli.CliContext;
import io.quartermaster.cli.ClientOptions;
import io.quartermaster.cli.OutputOption;
import io.quartermaster.cli.ServiceClient;
import io.quartermaster.cli.WaitOptions;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code qm pools delete}: DeletePool, which places a {@code delete} order. */
@Command(
    name = "delete",
    aliases = "rm",
    description =
        "Delete a pool; this places a delete order. Its orders stay listed after it is gone.",
    mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = "  qm pools delete pool-vision --wait")
final class DeletePoolCommand implements Callable<Integer> {

  @Mixin ClientOptions client;
  @Mixin OutputOption output;
  @Mixin WaitOptions wait;

  @Parameters(paramLabel = "POOL", description = "The pool's name.")
  String pool;

  private final CliContext context;

  DeletePoolCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws InterruptedException {
    ServiceClient service = client.session().client();
    String path = service.v2("pools", PoolNames.resolve(pool, service.projectId()));
    ServiceClient.Response answer = service.call("DELETE", path, Map.of(), null, null);
    return PoolChange.report(
        context,
        client.style(),
        service,
        output.format(),
        answer,
        "is being deleted",
        Optional.empty(),
        wait);
  }
}
