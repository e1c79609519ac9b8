package io.quartermaster.cli.event;

import io.quartermaster.cli.CliContext;
import io.quartermaster.cli.CliException;
import io.quartermaster.cli.ClientOptions;
import io.quartermaster.cli.ExitCodes;
import io.quartermaster.cli.ServiceClient;
import io.quartermaster.cli.Times;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code qm events}: tails the project's event stream, or one order's. */
@Command(
    name = "events",
    description = {
      "Print the project's order and item changes as they happen, one line each, from its event"
          + " stream; with --order only that order's, ending with its last event.",
      "A cut connection is resumed where it stopped, with nothing missed or repeated. With --order"
          + " exits 0 when the order successed and 1 when it failed; otherwise runs until stopped."
    },
    mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {
      "  qm events",
      "  qm events --after 1200 -o json | jq -c '{id, type, orderName}'",
      "  qm events --order order.pool-vision-x3k9a"
    })
public final class EventsCommand implements Callable<Integer> {

  /** What a line shows: a table row, or the event's JSON exactly as the service sent it. */
  enum Format {
    table,
    json
  }

  @Mixin ClientOptions client;

  @Option(
      names = "--order",
      paramLabel = "ORDER",
      description = "Only this order's events (its name or id); ends after its last event.")
  String order;

  @Option(
      names = "--after",
      paramLabel = "ID",
      description =
          "Start after this event id (the first column), replaying what followed it; default: from"
              + " now for the project, from the order's first event with --order.")
  Long after;

  @Option(names = "--limit", paramLabel = "N", description = "Stop after N events (exit 0).")
  Integer limit;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "table (default) or json (one event's JSON a line, as the service sends it).")
  Format format;

  private final CliContext context;

  public EventsCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws InterruptedException {
    if (limit != null && limit < 1) {
      throw CliException.usage("--limit must be at least 1, not " + limit);
    }
    if (after != null && after < 0) {
      throw CliException.usage("--after must be an event id (0 or more), not " + after);
    }
    ServiceClient service = client.session().client();
    String path = order == null ? service.v1("events") : service.v1("orders", order, "events");
    PrintWriter out = context.out();
    EventTail tail =
        new EventTail(
            service,
            path,
            order != null,
            Optional.ofNullable(after).map(String::valueOf),
            Optional.ofNullable(limit),
            context.err());
    StreamedEvent last =
        tail.follow(
            event -> {
              out.println(format == Format.json ? event.data() : row(event));
              out.flush();
            });
    if (order != null && last.failedOrder()) {
      String reason = last.text("/detail/failReason");
      context.err().println("order " + order + " failed" + (reason.isEmpty() ? "" : ": " + reason));
      context.err().flush();
      return ExitCodes.ORDER_FAILED;
    }
    return ExitCodes.OK;
  }

  /** {@code ID TIME TYPE ORDER SETTLED/TOTAL WHAT}, columns apart by two spaces. */
  private String row(StreamedEvent event) {
    String what =
        event.type().startsWith("item.")
            ? String.join(
                    " ",
                    event.text("/item/action"),
                    event.text("/item/resourceName"),
                    event.text("/item/message"))
                .strip()
            : event.text("/detail/failReason");
    return String.join(
            "  ",
            event.id() == null ? "-" : event.id(),
            Times.local(event.json().path("time").asLong(), context.clock()),
            event.type(),
            event.text("/orderName"),
            event.json().path("progress").path("settled").asInt()
                + "/"
                + event.json().path("progress").path("total").asInt(),
            what)
        .strip();
  }
}
