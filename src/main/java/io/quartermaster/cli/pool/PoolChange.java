package io.quartermaster.cli.pool;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.cli.CliContext;
import io.quartermaster.cli.ExitCodes;
import io.quartermaster.cli.OutputFormat;
import io.quartermaster.cli.Printer;
import io.quartermaster.cli.ServiceClient;
import io.quartermaster.cli.Style;
import io.quartermaster.cli.WaitOptions;
import io.quartermaster.cli.order.OrderWaiter;
import java.util.Optional;

/**
 * What every change of a pool prints: the answer ({@code -o json|yaml}) or one line naming the
 * order it placed and, when that order waits for payment or approval, why; then, with {@code
 * --wait}, the order followed to its end.
 */
final class PoolChange {

  private PoolChange() {}

  /**
   * @param previousOrder the pool's order before the change: a pool that still names it placed none
   *     (a scale to the count it has)
   */
  static int report(
      CliContext context,
      Style style,
      ServiceClient service,
      OutputFormat format,
      ServiceClient.Response answer,
      String what,
      Optional<String> previousOrder,
      WaitOptions wait)
      throws InterruptedException {
    JsonNode pool = answer.requireJson();
    String order = Pools.order(pool);
    boolean placed = !order.isEmpty() && !previousOrder.equals(Optional.of(order));
    if (format == OutputFormat.TABLE) {
      String line = "pool " + Pools.displayName(pool) + " " + what;
      if (!placed) {
        line += ": nothing to change, no order placed";
      } else {
        line += ": order " + order + " placed";
        String message = Pools.text(pool, "/status/message");
        if (Pools.text(pool, "/status/phase").equals("Waiting") && !message.isEmpty()) {
          line += "; " + message;
        }
      }
      context.out().println(line);
      context.out().flush();
    } else {
      new Printer(context, style).document(format, answer.body());
    }
    if (placed && wait.requested()) {
      return OrderWaiter.await(
          context, style, service, order, wait.timeout(), format == OutputFormat.TABLE);
    }
    return ExitCodes.OK;
  }
}
