package io.quartermaster.cli.pool;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quartermaster.cli.CliContext;
import io.quartermaster.cli.ClientJson;
import io.quartermaster.cli.ClientOptions;
import io.quartermaster.cli.OutputOption;
import io.quartermaster.cli.ServiceClient;
import io.quartermaster.cli.WaitOptions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code qm pools delete-nodes}: deletes named nodes, a {@code modify} order. */
@Command(
    name = "delete-nodes",
    description = "Delete some of a pool's nodes by name; this places a modify order.",
    mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer =
        "  qm pools delete-nodes pool-vision os-node-created-x3k9a os-node-created-p2m4q --wait")
final class DeleteNodesCommand implements Callable<Integer> {

  @Mixin ClientOptions client;
  @Mixin OutputOption output;
  @Mixin WaitOptions wait;

  @Parameters(index = "0", paramLabel = "POOL", description = "The pool's name.")
  String pool;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "NODE", description = "Nodes to delete.")
  List<String> nodes;

  private final CliContext context;

  DeleteNodesCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws InterruptedException {
    ServiceClient service = client.session().client();
    String path =
        service.v2("pools", PoolNames.resolve(pool, service.projectId()), "nodes", "batch-delete");
    ObjectNode body = ClientJson.object();
    ArrayNode names = body.putArray("deleteNodeNames");
    nodes.forEach(names::add);
    ServiceClient.Response answer = service.post(path, body);
    return PoolChange.report(
        context,
        client.style(),
        service,
        output.format(),
        answer,
        "is losing " + nodes.size() + (nodes.size() == 1 ? " node" : " nodes"),
        Optional.empty(),
        wait);
  }
}
