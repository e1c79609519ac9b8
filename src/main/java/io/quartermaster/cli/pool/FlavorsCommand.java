package io.quartermaster.cli.pool;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.cli.CliContext;
import io.quartermaster.cli.ClientOptions;
import io.quartermaster.cli.ExitCodes;
import io.quartermaster.cli.OutputOption;
import io.quartermaster.cli.Printer;
import io.quartermaster.cli.ServiceClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code qm flavors}: the flavor catalog pools are built from. */
@Command(
    name = "flavors",
    description = "List the flavors a pool can be built from.",
    mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {"  qm flavors", "  qm flavors -o json | jq -r '.items[].metadata.name'"})
public final class FlavorsCommand implements Callable<Integer> {

  @Mixin ClientOptions client;
  @Mixin OutputOption output;

  private final CliContext context;

  FlavorsCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    ServiceClient service = client.session().client();
    ServiceClient.Response answer =
        service.call("GET", service.v1("resourceflavors"), Map.of(), null, null);
    List<JsonNode> flavors = new ArrayList<>();
    answer.requireJson().path("items").forEach(flavors::add);
    new Printer(context, client.style())
        .list(
            output.format(),
            answer.body(),
            "flavors",
            flavors,
            PoolColumns.flavors(),
            PoolColumns.flavorsCsv());
    return ExitCodes.OK;
  }
}
