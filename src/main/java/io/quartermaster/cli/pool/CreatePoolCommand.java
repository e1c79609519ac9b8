package io.quartermaster.cli.pool;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quartermaster.cli.CliContext;
import io.quartermaster.cli.CliException;
import io.quartermaster.cli.ClientJson;
import io.quartermaster.cli.ClientOptions;
import io.quartermaster.cli.OutputOption;
import io.quartermaster.cli.ServiceClient;
import io.quartermaster.cli.WaitOptions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code qm pools create}: CreatePool, which places an {@code apply} order. */
@Command(
    name = "create",
    description = "Create a pool; this places an apply order that builds its nodes.",
    mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {
      "  qm pools create pool-vision --flavor modelarts.vm.gpu.t4u8 --count 3 --wait",
      "  qm pools create pool-vision --flavor modelarts.vm.gpu.t4u8 --count 3 \\",
      "      --az az-1a=2 --az az-1b=1 --description 'training pool'",
      "  qm pools create pool-year --flavor modelarts.vm.cpu.8ud --count 2 \\",
      "      --billing yearly --period 3m        # waits for: qm pay ORDER"
    })
final class CreatePoolCommand implements Callable<Integer> {

  private static final Pattern PERIOD = Pattern.compile("(\\d{1,2})([my])");

  @Mixin ClientOptions client;
  @Mixin OutputOption output;
  @Mixin WaitOptions wait;

  @Parameters(paramLabel = "NAME", description = "The pool's name: 4 to 25 of a-z, 0-9 and -.")
  String name;

  @Option(
      names = "--flavor",
      required = true,
      paramLabel = "FLAVOR",
      description = "See qm flavors.")
  String flavor;

  @Option(names = "--count", required = true, paramLabel = "N", description = "Nodes to create.")
  int count;

  @Option(
      names = "--max-count",
      paramLabel = "N",
      description = "The most nodes (default --count).")
  Integer maxCount;

  @Option(
      names = "--az",
      paramLabel = "AZ=N",
      description = "Nodes per availability zone, repeated; the counts add up to --count.")
  Map<String, Integer> azs;

  @Option(
      names = "--billing",
      paramLabel = "MODE",
      defaultValue = "pay-per-use",
      completionCandidates = BillingModes.class,
      description = "pay-per-use (default), or yearly (alias monthly) with --period.")
  String billing;

  @Option(
      names = "--period",
      paramLabel = "PERIOD",
      description = "For yearly/monthly billing: 1m to 11m, or 1y to 3y.")
  String period;

  @Option(names = "--auto-pay", description = "Pay yearly/monthly orders at once.")
  boolean autoPay;

  @Option(names = "--auto-renew", description = "Renew the period when it ends.")
  boolean autoRenew;

  @Option(names = "--description", paramLabel = "TEXT", description = "A description.")
  String description;

  @Option(
      names = "--scope",
      paramLabel = "SCOPE",
      split = ",",
      description = "Train, Infer, Notebook (comma-separated).")
  List<String> scope;

  @Option(names = "--workspace", paramLabel = "ID", description = "Workspace id (default 0).")
  String workspace;

  @Option(names = "--network", paramLabel = "NAME", description = "The network to attach.")
  String network;

  private final CliContext context;

  CreatePoolCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws InterruptedException {
    ObjectNode body = body();
    ServiceClient service = client.session().client();
    ServiceClient.Response answer = service.post(service.v2("pools"), body);
    return PoolChange.report(
        context,
        client.style(),
        service,
        output.format(),
        answer,
        "created",
        Optional.empty(),
        wait);
  }

  ObjectNode body() {
    ObjectNode body = ClientJson.object().put("apiVersion", "v2").put("kind", "Pool");
    ObjectNode metadata = body.putObject("metadata");
    ObjectNode labels = metadata.putObject("labels").put(Pools.NAME_LABEL, name);
    if (workspace != null) {
      labels.put("os.modelarts/workspace.id", workspace);
    }
    ObjectNode annotations = metadata.putObject("annotations");
    if (description != null) {
      annotations.put("os.modelarts/description", description);
    }
    billing(annotations);
    ObjectNode spec = body.putObject("spec").put("type", "Dedicate");
    if (scope != null) {
      ArrayNode scopes = spec.putArray("scope");
      scope.forEach(scopes::add);
    }
    ObjectNode resource =
        spec.putArray("resources").addObject().put("flavor", flavor).put("count", count);
    if (maxCount != null) {
      resource.put("maxCount", maxCount);
    }
    if (azs != null) {
      Resources.putAzs(resource, azs);
    }
    if (network != null) {
      spec.putObject("network").put("name", network);
    }
    return body;
  }

  private void billing(ObjectNode annotations) {
    switch (billing) {
      case "pay-per-use" -> {
        if (period != null) {
          throw CliException.usage("--period is for --billing yearly; pay-per-use has none");
        }
        annotations.put("os.modelarts/billing.mode", "0");
      }
      case "yearly", "monthly" -> {
        Matcher m = period == null ? null : PERIOD.matcher(period);
        if (m == null || !m.matches()) {
          throw CliException.usage(
              "--billing " + billing + " needs --period: 1m to 11m (months) or 1y to 3y (years)");
        }
        annotations.put("os.modelarts/billing.mode", "1");
        annotations.put("os.modelarts/period.type", m.group(2).equals("m") ? "2" : "3");
        annotations.put("os.modelarts/period.num", Integer.toString(Integer.parseInt(m.group(1))));
        annotations.put("os.modelarts/auto.pay", Boolean.toString(autoPay));
        annotations.put("os.modelarts/auto.renew", Boolean.toString(autoRenew));
      }
      default ->
          throw CliException.usage(
              "--billing " + billing + " is not one of pay-per-use, yearly, monthly");
    }
  }

  static final class BillingModes implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return List.of("pay-per-use", "yearly", "monthly").iterator();
    }
  }
}
