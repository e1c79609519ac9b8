package io.quartermaster.cli.order;

import io.quartermaster.cli.CliContext;
import io.quartermaster.cli.ExitCodes;
import io.quartermaster.cli.ServiceClient;
import io.quartermaster.cli.Style;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * Follows an order to its end for {@code qm orders watch} and every {@code --wait}: progress in
 * place on a terminal, plain lines elsewhere, then one line with the outcome and the exit status
 * scripts test ({@code 0} successed, {@code 1} failed).
 */
public final class OrderWaiter {

  private OrderWaiter() {}

  public static int await(
      CliContext context, Style style, ServiceClient client, String order, Duration timeout)
      throws InterruptedException {
    return await(context, style, client, order, timeout, true);
  }

  /**
   * @param onStdout false when standard output carries a document ({@code -o json}): progress and
   *     outcome then go to standard error, as plain lines
   */
  public static int await(
      CliContext context,
      Style style,
      ServiceClient client,
      String order,
      Duration timeout,
      boolean onStdout)
      throws InterruptedException {
    OrderState last;
    PrintWriter out = onStdout ? context.out() : context.err();
    try (ProgressView view = onStdout ? view(context, style) : new PlainProgress(out)) {
      last =
          OrderUpdates.of(client, context.clock())
              .follow(order, context.clock().instant().plus(timeout), view::show);
    }
    OrderSummary summary = last.order();
    if (last.succeeded()) {
      out.println(
          "order "
              + summary.name()
              + " "
              + style.state("successed")
              + " in "
              + OrderColumns.took(summary, context.clock()));
      out.flush();
      return ExitCodes.OK;
    }
    context.err().println("qm: order " + summary.name() + " failed: " + summary.failReason());
    context.err().flush();
    return ExitCodes.ORDER_FAILED;
  }

  private static ProgressView view(CliContext context, Style style) {
    context.out().flush();
    if (context.terminal() && !"dumb".equals(context.env().get("TERM"))) {
      return TerminalProgress.open(style).orElseGet(() -> new PlainProgress(context.out()));
    }
    return new PlainProgress(context.out());
  }
}
