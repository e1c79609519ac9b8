package io.quartermaster.cli.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quartermaster.cli.CliContext;
import io.quartermaster.cli.CliException;
import io.quartermaster.cli.ClientJson;
import io.quartermaster.cli.ClientOptions;
import io.quartermaster.cli.OutputOption;
import io.quartermaster.cli.ServiceClient;
import io.quartermaster.cli.WaitOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code qm pools scale}: a new node count for one flavor of the pool (PATCH), which places a
 * {@code modify} order; the pool's other flavors keep theirs.
 */
@Command(
    name = "scale",
    description = "Change a pool's node count; this places a modify order.",
    mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {
      "  qm pools scale pool-vision --count 5 --wait",
      "  qm pools scale pool-mixed --flavor modelarts.vm.cpu.8ud --count 1"
    })
final class ScalePoolCommand implements Callable<Integer> {

  @Mixin ClientOptions client;
  @Mixin OutputOption output;
  @Mixin WaitOptions wait;

  @Parameters(paramLabel = "POOL", description = "The pool's name.")
  String pool;

  @Option(names = "--count", required = true, paramLabel = "N", description = "The new node count.")
  int count;

  @Option(
      names = "--flavor",
      paramLabel = "FLAVOR",
      description = "Which flavor's count; needed when the pool has several.")
  String flavor;

  @Option(
      names = "--az",
      paramLabel = "AZ=N",
      description = "Nodes per availability zone after the change, repeated.")
  Map<String, Integer> azs;

  private final CliContext context;

  ScalePoolCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws InterruptedException {
    ServiceClient service = client.session().client();
    String path = service.v2("pools", PoolNames.resolve(pool, service.projectId()));
    JsonNode current = service.get(path);
    ObjectNode patch = ClientJson.object();
    ArrayNode resources = patch.putObject("spec").putArray("resources");
    for (ObjectNode resource : scaled(current)) {
      resources.add(resource);
    }
    ServiceClient.Response answer =
        service.call("PATCH", path, Map.of(), patch, "application/merge-patch+json");
    return PoolChange.report(
        context,
        client.style(),
        service,
        output.format(),
        answer,
        "scaled to " + count + (flavor == null ? "" : " " + flavor) + " nodes",
        Optional.of(Pools.order(current)),
        wait);
  }

  /** The spec's resources with the chosen flavor's count (and AZs) replaced. */
  private List<ObjectNode> scaled(JsonNode current) {
    List<ObjectNode> resources = new ArrayList<>();
    current.path("spec").path("resources").forEach(r -> resources.add(r.deepCopy()));
    List<String> flavors = resources.stream().map(r -> r.path("flavor").asText()).toList();
    String target = flavor;
    if (target == null) {
      if (flavors.size() != 1) {
        throw CliException.usage(
            "pool "
                + pool
                + " has flavors "
                + String.join(", ", flavors)
                + "; say which with --flavor");
      }
      target = flavors.get(0);
    } else if (!flavors.contains(target)) {
      throw CliException.usage(
          "pool " + pool + " has no flavor " + target + "; it has " + String.join(", ", flavors));
    }
    for (ObjectNode resource : resources) {
      if (resource.path("flavor").asText().equals(target)) {
        resource.put("count", count);
        // The service keeps maxCount at least the count; an old, lower one would be refused.
        resource.remove("maxCount");
        resource.remove("azs");
        if (azs != null) {
          Resources.putAzs(resource, azs);
        }
      }
    }
    return resources;
  }
}
