package io.quartermaster.cli.order;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;

/**
 * Progress as plain lines, for pipes and logs: one when the order's phase changes and one for each
 * item that changes state, never a line twice.
 */
final class PlainProgress implements ProgressView {

  private final PrintWriter out;
  private final Map<String, String> itemStatus = new HashMap<>();
  private String phase;

  PlainProgress(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void show(OrderState state) {
    OrderSummary order = state.order();
    if (phase == null) {
      out.println(
          "order "
              + order.name()
              + ": "
              + order.operation()
              + " of pool "
              + order.poolDisplayName()
              + ", "
              + order.phase()
              + state.note().map(note -> ": " + note).orElse(""));
      phase = order.phase();
    }
    for (OrderItem item : state.items()) {
      String key = item.action() + " " + item.resourceName();
      if (!item.status().equals(itemStatus.put(key, item.status()))) {
        out.println(
            "  ["
                + ProgressView.fraction(state)
                + "] "
                + key
                + " "
                + item.status()
                + (item.message().isEmpty() ? "" : ": " + item.message()));
      }
    }
    // After the items, so that the last item's line comes before the order's outcome.
    if (!phase.equals(order.phase())) {
      out.println(
          "order "
              + order.name()
              + " is "
              + order.phase()
              + state.note().map(note -> ": " + note).orElse(""));
      phase = order.phase();
    }
    out.flush();
  }

  @Override
  public void close() {
    out.flush();
  }
}
