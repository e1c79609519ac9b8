package io.quartermaster.cli.order;

import io.quartermaster.cli.Style;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.jline.utils.Display;

/**
 * Progress redrawn in place on a terminal with JLine's {@link Display}: the order's line, a bar of
 * items settled out of all, and one line per item that has begun (the latest ones when they do not
 * all fit), each updated where it stands.
 */
final class TerminalProgress implements ProgressView {

  private static final int BAR_WIDTH = 30;

  private final Terminal terminal;
  private final Display display;
  private final Style style;
  private final boolean unicode;

  private TerminalProgress(Terminal terminal, Style style) {
    this.terminal = terminal;
    this.display = new Display(terminal, false);
    this.style = style;
    this.unicode = StandardCharsets.UTF_8.equals(terminal.encoding());
  }

  /** The system terminal, when it is one that can redraw; empty for a dumb one. */
  static Optional<ProgressView> open(Style style) {
    try {
      Terminal terminal = TerminalBuilder.builder().system(true).dumb(true).build();
      if (terminal.getType().startsWith(Terminal.TYPE_DUMB)) {
        terminal.close();
        return Optional.empty();
      }
      return Optional.of(new TerminalProgress(terminal, style));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @Override
  public void show(OrderState state) {
    Size size = terminal.getSize();
    int columns = Math.max(40, size.getColumns());
    int rows = Math.max(5, size.getRows());
    display.resize(new Size(columns, rows));
    List<AttributedString> lines = new ArrayList<>();
    OrderSummary order = state.order();
    lines.add(
        new AttributedStringBuilder()
            .style(AttributedStyle.BOLD)
            .append(order.name())
            .style(AttributedStyle.DEFAULT)
            .append("  " + order.operation() + " of pool " + order.poolDisplayName() + "  ")
            .style(stateStyle(order.phase()))
            .append(order.phase())
            .style(AttributedStyle.DEFAULT)
            .append(state.note().map(note -> "  " + note).orElse(""))
            .toAttributedString());
    lines.add(new AttributedString(bar(state)));
    List<OrderItem> items = state.items();
    int room = rows - lines.size() - 1;
    if (items.size() > room) {
      lines.add(new AttributedString("  … " + (items.size() - room + 1) + " earlier items"));
      items = items.subList(items.size() - room + 1, items.size());
    }
    for (OrderItem item : items) {
      lines.add(
          new AttributedStringBuilder()
              .append("  " + item.action() + "  " + item.resourceName() + "  ")
              .style(stateStyle(item.status()))
              .append(item.status())
              .style(AttributedStyle.DEFAULT)
              .append(item.message().isEmpty() ? "" : "  " + item.message())
              .toAttributedString()
              .columnSubSequence(0, columns - 1));
    }
    display.update(lines, -1);
    terminal.flush();
  }

  private String bar(OrderState state) {
    double done = ProgressView.done(state);
    int filled = (int) Math.round(done * BAR_WIDTH);
    String full = unicode ? "█" : "#";
    String empty = unicode ? "░" : "-";
    return "  ["
        + full.repeat(filled)
        + empty.repeat(BAR_WIDTH - filled)
        + "]  "
        + ProgressView.fraction(state)
        + "  "
        + Math.round(done * 100)
        + "%";
  }

  private AttributedStyle stateStyle(String state) {
    if (!style.colour()) {
      return AttributedStyle.DEFAULT;
    }
    return switch (state) {
      case "successed", "succeed" -> AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
      case "failed" -> AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);
      case "processing" -> AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);
      case "pending" -> AttributedStyle.DEFAULT.foreground(AttributedStyle.MAGENTA);
      default -> AttributedStyle.DEFAULT;
    };
  }

  @Override
  public void close() {
    // The display leaves the cursor on its last line; what follows goes below it.
    terminal.writer().println();
    terminal.flush();
    try {
      terminal.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
