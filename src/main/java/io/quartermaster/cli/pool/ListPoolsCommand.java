package io.quartermaster.cli.pool;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.cli.CliContext;
import io.quartermaster.cli.ClientOptions;
import io.quartermaster.cli.ExitCodes;
import io.quartermaster.cli.OutputOption;
import io.quartermaster.cli.Printer;
import io.quartermaster.cli.ServiceClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code qm pools list}: ListPools. */
@Command(
    name = "list",
    aliases = "ls",
    description = "List the project's pools.",
    mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {"  qm pools list", "  qm pools list --status failed -o yaml"})
final class ListPoolsCommand implements Callable<Integer> {

  @Mixin ClientOptions client;
  @Mixin OutputOption output;

  @Option(names = "--workspace", paramLabel = "ID", description = "Workspace id.")
  String workspace;

  @Option(names = "--status", paramLabel = "STATUS", description = "created, creating or failed.")
  String status;

  @Option(
      names = {"-l", "--selector"},
      paramLabel = "LABELS",
      description = "Label selector, e.g. os.modelarts/workspace.id=0,team!=ml.")
  String selector;

  private final CliContext context;

  ListPoolsCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    ServiceClient service = client.session().client();
    Map<String, String> query = new LinkedHashMap<>();
    query.put("workspaceId", workspace);
    query.put("status", status);
    query.put("labelSelector", selector);
    ServiceClient.Response answer = service.call("GET", service.v2("pools"), query, null, null);
    List<JsonNode> pools = new ArrayList<>();
    answer.requireJson().path("items").forEach(pools::add);
    new Printer(context, client.style())
        .list(
            output.format(),
            answer.body(),
            "pools",
            pools,
            PoolColumns.table(context.clock()),
            PoolColumns.csv());
    return ExitCodes.OK;
  }
}
