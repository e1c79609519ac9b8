package io.quartermaster.cli;

import java.util.Set;
import picocli.CommandLine.Help.Ansi;

/**
 * Colour for people at a terminal, through picocli's ANSI markup; plain text everywhere else (a
 * pipe, a file, {@code NO_COLOR}, {@code --no-color}, {@code TERM=dumb}).
 */
public record Style(boolean colour) {

  private static final Set<String> GOOD =
      Set.of("successed", "succeed", "running", "available", "active", "true");
  private static final Set<String> BAD =
      Set.of("failed", "creationfailed", "scalingfailed", "error", "abnormal", "inactive", "false");
  private static final Set<String> BUSY = Set.of("processing", "creating", "deleting");
  private static final Set<String> WAITING = Set.of("pending", "waiting");

  public static Style of(CliContext context, boolean noColourOption) {
    boolean colour =
        context.terminal()
            && !noColourOption
            && !context.env().containsKey("NO_COLOR")
            && !"dumb".equals(context.env().get("TERM"));
    return new Style(colour);
  }

  public Ansi ansi() {
    return colour ? Ansi.ON : Ansi.OFF;
  }

  /** {@code text} in the colour of the state it names, if it names one. */
  public String state(String text) {
    String key = text.toLowerCase(java.util.Locale.ROOT);
    String colourName =
        GOOD.contains(key)
            ? "green"
            : BAD.contains(key)
                ? "red"
                : BUSY.contains(key) ? "yellow" : WAITING.contains(key) ? "magenta" : null;
    return colourName == null ? text : paint(colourName, text);
  }

  public String bold(String text) {
    return paint("bold", text);
  }

  public String faint(String text) {
    return paint("faint", text);
  }

  private String paint(String styles, String text) {
    if (!colour || text.isEmpty()) {
      return text;
    }
    // Markup characters in the text itself must not be read as markup.
    return Ansi.ON.string("@|" + styles + " " + text.replace("|@", "| @") + "|@");
  }
}
