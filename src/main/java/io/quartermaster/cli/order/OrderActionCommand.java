package io.quartermaster.cli.order;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quartermaster.cli.CliContext;
import io.quartermaster.cli.ClientJson;
import io.quartermaster.cli.ClientOptions;
import io.quartermaster.cli.ExitCodes;
import io.quartermaster.cli.OutputFormat;
import io.quartermaster.cli.OutputOption;
import io.quartermaster.cli.Printer;
import io.quartermaster.cli.ServiceClient;
import io.quartermaster.cli.Session;
import io.quartermaster.cli.WaitOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Settling a pending order: {@code pay} and {@code cancel} (members), {@code approve} and {@code
 * reject} (admins). Each is also a top-level command ({@code qm pay ORDER}).
 */
public abstract class OrderActionCommand implements Callable<Integer> {

  @Mixin ClientOptions client;
  @Mixin OutputOption output;

  @Parameters(paramLabel = "ORDER", description = "The order's name or id.")
  String order;

  private final CliContext context;
  private final String action;
  private final String done;

  OrderActionCommand(CliContext context, String action, String done) {
    this.context = context;
    this.action = action;
    this.done = done;
  }

  /** The request body; most actions take none. */
  ObjectNode body() {
    return ClientJson.object();
  }

  /** The {@code --wait} options, for the actions after which the order runs. */
  WaitOptions waitOptions() {
    return null;
  }

  @Override
  public Integer call() throws InterruptedException {
    Session session = client.session();
    ServiceClient service = session.client();
    ServiceClient.Response answer = service.post(service.v1("orders", order, action), body());
    if (output.format() != OutputFormat.TABLE) {
      new Printer(context, client.style()).document(output.format(), answer.body());
    } else {
      String phase = ClientJson.textOrEmpty(answer.requireJson(), "/phase");
      context
          .out()
          .println("order " + order + " " + done + (phase.isEmpty() ? "" : "; it is " + phase));
      context.out().flush();
    }
    WaitOptions wait = waitOptions();
    if (wait != null && wait.requested()) {
      return OrderWaiter.await(context, client.style(), service, order, wait.timeout());
    }
    return ExitCodes.OK;
  }

  /** An action after which the order may run, so that {@code --wait} can follow it. */
  abstract static class ThenRuns extends OrderActionCommand {
    @Mixin WaitOptions wait;

    ThenRuns(CliContext context, String action, String done) {
      super(context, action, done);
    }

    @Override
    WaitOptions waitOptions() {
      return wait;
    }
  }

  @Command(
      name = "pay",
      description = "Pay an order that waits for payment; it then runs.",
      mixinStandardHelpOptions = true,
      footerHeading = "%nExamples:%n",
      footer = "  qm pay order.pool-vision-x3k9a --wait")
  public static final class Pay extends ThenRuns {
    Pay(CliContext context) {
      super(context, "pay", "paid");
    }
  }

  @Command(
      name = "cancel",
      description = "Cancel a pending order: it fails, and its pool does not change.",
      mixinStandardHelpOptions = true,
      footerHeading = "%nExamples:%n",
      footer = "  qm cancel order.pool-vision-x3k9a")
  public static final class Cancel extends OrderActionCommand {
    Cancel(CliContext context) {
      super(context, "cancel", "cancelled");
    }
  }

  @Command(
      name = "approve",
      description = "Approve an order that waits for an admin's approval (admins only).",
      mixinStandardHelpOptions = true,
      footerHeading = "%nExamples:%n",
      footer = "  qm approve order.pool-vision-x3k9a --wait")
  public static final class Approve extends ThenRuns {
    Approve(CliContext context) {
      super(context, "approve", "approved");
    }
  }

  @Command(
      name = "reject",
      description =
          "Reject an order that waits for approval (admins only): it fails with the reason.",
      mixinStandardHelpOptions = true,
      footerHeading = "%nExamples:%n",
      footer = "  qm reject order.pool-vision-x3k9a --reason 'over budget this quarter'")
  public static final class Reject extends OrderActionCommand {
    @Option(
        names = "--reason",
        required = true,
        paramLabel = "TEXT",
        description = "Why (1 to 256 characters); the order's failReason says it.")
    String reason;

    Reject(CliContext context) {
      super(context, "reject", "rejected");
    }

    @Override
    ObjectNode body() {
      return ClientJson.object().put("reason", reason);
    }
  }
}
