package io.quartermaster.cli.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import picocli.CommandLine.Parameters;

/** {@code qm pools nodes}: ListNodes, following {@code continue} to the last page. */
@Command(
    name = "nodes",
    description = "List a pool's nodes.",
    mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {"  qm pools nodes pool-vision", "  qm pools nodes pool-vision -o csv"})
final class ListNodesCommand implements Callable<Integer> {

  @Mixin ClientOptions client;
  @Mixin OutputOption output;

  @Parameters(paramLabel = "POOL", description = "The pool's name.")
  String pool;

  private final CliContext context;

  ListNodesCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    ServiceClient service = client.session().client();
    String path = service.v2("pools", PoolNames.resolve(pool, service.projectId()), "nodes");
    List<JsonNode> nodes = new ArrayList<>();
    String first = null;
    String after = null;
    int pages = 0;
    do {
      Map<String, String> query = new LinkedHashMap<>();
      query.put("continue", after);
      ServiceClient.Response page = service.call("GET", path, query, null, null);
      JsonNode body = page.requireJson();
      first = first == null ? page.body() : first;
      body.path("items").forEach(nodes::add);
      after = body.path("metadata").path("continue").asText(null);
      pages++;
    } while (after != null && !after.isEmpty());
    new Printer(context, client.style())
        .list(
            output.format(),
            pages == 1 ? first : merged(first, nodes),
            "nodes",
            nodes,
            PoolColumns.nodes(context.clock()),
            PoolColumns.nodesCsv());
    return ExitCodes.OK;
  }

  /** The first page's NodeList with every page's items and no {@code continue}. */
  private static String merged(String first, List<JsonNode> nodes) {
    try {
      ObjectNode list = (ObjectNode) io.quartermaster.cli.ClientJson.mapper().readTree(first);
      list.putObject("metadata");
      ArrayNode items = list.putArray("items");
      nodes.forEach(items::add);
      return list.toString();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a page already read as JSON is JSON", e);
    }
  }
}
