package io.quartermaster.cli.order;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.cli.CliContext;
import io.quartermaster.cli.ClientOptions;
import io.quartermaster.cli.ExitCodes;
import io.quartermaster.cli.OutputFormat;
import io.quartermaster.cli.OutputOption;
import io.quartermaster.cli.Printer;
import io.quartermaster.cli.ServiceClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code qm orders show}: the order and its items. {@code json} and {@code yaml} are ShowOrder's
 * answer as it is; the table adds the order's ListOrders fields above the items.
 */
@Command(
    name = "show",
    aliases = "get",
    description = "Show an order and its items (one per resource change).",
    mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {
      "  qm orders show order.pool-vision-x3k9a",
      "  qm orders show CS2304191748WNW2R -o json"
    })
final class ShowOrderCommand implements Callable<Integer> {

  @Mixin ClientOptions client;
  @Mixin OutputOption output;

  @Parameters(paramLabel = "ORDER", description = "The order's name or id.")
  String order;

  private final CliContext context;

  ShowOrderCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    ServiceClient service = client.session().client();
    ServiceClient.Response details =
        service.call("GET", service.v1("orders", order), Map.of(), null, null);
    List<JsonNode> items = new ArrayList<>();
    details.requireJson().path("items").forEach(items::add);
    Printer printer = new Printer(context, client.style());
    switch (output.format()) {
      case JSON, YAML -> printer.document(output.format(), details.body());
      case CSV ->
          printer.list(
              OutputFormat.CSV, details.body(), "items", items, List.of(), OrderColumns.itemsCsv());
      case TABLE -> {
        JsonNode listed = new OrderLookup(service).listed(order);
        printer.details(OutputFormat.TABLE, "", listed, OrderColumns.summary(context.clock()));
        context.out().println();
        printer.list(
            OutputFormat.TABLE,
            details.body(),
            "items yet",
            items,
            OrderColumns.items(context.clock()),
            List.of());
      }
    }
    return ExitCodes.OK;
  }
}
