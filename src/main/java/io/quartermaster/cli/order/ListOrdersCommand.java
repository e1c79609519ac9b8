package io.quartermaster.cli.order;

import io.quartermaster.cli.CliContext;
import io.quartermaster.cli.CliException;
import io.quartermaster.cli.ClientOptions;
import io.quartermaster.cli.ExitCodes;
import io.quartermaster.cli.OutputFormat;
import io.quartermaster.cli.OutputOption;
import io.quartermaster.cli.Printer;
import io.quartermaster.cli.Session;
import io.quartermaster.cli.Times;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code qm orders list}: ListOrders, as a table by default, across pages when asked. */
@Command(
    name = "list",
    aliases = "ls",
    description = "List the project's orders, newest first.",
    mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {
      "  qm orders list --pool pool-vision",
      "  qm orders list --phase failed --since 2d",
      "  qm orders list --all -o csv > orders.csv",
      "  qm orders list -o json | jq '.items[].orderName'"
    })
final class ListOrdersCommand implements Callable<Integer> {

  /** ListOrders' own default page size. */
  static final int DEFAULT_LIMIT = 100;

  @Mixin ClientOptions client;
  @Mixin OutputOption output;

  @Option(names = "--pool", paramLabel = "NAME", description = "Orders of this pool only.")
  String pool;

  @Option(
      names = "--phase",
      paramLabel = "PHASE",
      completionCandidates = Phases.class,
      description = "pending, processing, successed or failed.")
  String phase;

  @Option(
      names = "--since",
      paramLabel = "WHEN",
      description = "Placed at or after: 2h, 3d, 2024-10-24, 2024-10-24T12:00:00Z.")
  String since;

  @Option(names = "--until", paramLabel = "WHEN", description = "Placed at or before; as --since.")
  String until;

  @Option(names = "--workspace", paramLabel = "ID", description = "Workspace id (default 0).")
  String workspace;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "At most N orders (default " + DEFAULT_LIMIT + "); more than 500 are paged.")
  Integer limit;

  @Option(
      names = {"-A", "--all"},
      description = "Every matching order, page after page by the service's marker.")
  boolean all;

  private final CliContext context;

  ListOrdersCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (all && limit != null) {
      throw CliException.usage("--all and --limit exclude each other");
    }
    if (limit != null && limit < 1) {
      throw CliException.usage("--limit must be 1 or more");
    }
    Session session = client.session();
    Map<String, String> filters = new LinkedHashMap<>();
    filters.put("involvedName", pool);
    filters.put("phase", phase);
    filters.put("workspaceId", workspace);
    filters.put("since", millis(since, "--since"));
    filters.put("until", millis(until, "--until"));
    filters.values().removeIf(v -> v == null);
    Optional<Integer> max =
        all ? Optional.empty() : Optional.of(limit == null ? DEFAULT_LIMIT : limit);
    OrderPages.Listing listing = OrderPages.fetch(session.client(), filters, max);
    new Printer(context, client.style())
        .list(
            output.format(),
            listing.json(),
            "orders",
            listing.items(),
            OrderColumns.table(context.clock()),
            OrderColumns.csv(context.clock()));
    if (output.format() == OutputFormat.TABLE && listing.count() > listing.items().size()) {
      context
          .err()
          .println(
              "("
                  + listing.items().size()
                  + " of "
                  + listing.count()
                  + " orders shown; --all for every one)");
    }
    return ExitCodes.OK;
  }

  private String millis(String when, String option) {
    if (when == null) {
      return null;
    }
    return Long.toString(Math.max(0, Times.parse(when, option, context.clock()).toEpochMilli()));
  }

  /** The phases ListOrders filters by, for completion. */
  static final class Phases implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return List.of("pending", "processing", "successed", "failed").iterator();
    }
  }
}
