package io.quartermaster.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Asking for names and secrets: on the terminal without echo, or from standard input. */
public final class Prompts {

  private Prompts() {}

  /**
   * A secret: the first line of standard input when {@code fromStdin}, else asked on the terminal
   * without echo. Without either, a usage error that says how to pass it.
   */
  public static String secret(CliContext context, boolean fromStdin, String prompt, String option) {
    String value;
    if (fromStdin) {
      value = firstLine(context);
    } else {
      char[] typed =
          context
              .console()
              .orElseThrow(
                  () ->
                      CliException.usage(
                          "no terminal to ask on; pass the "
                              + prompt.toLowerCase(java.util.Locale.ROOT)
                              + " on standard input with "
                              + option))
              .readPassword("%s: ", prompt);
      value = typed == null ? "" : new String(typed);
    }
    if (value.isEmpty()) {
      throw CliException.usage("the " + prompt.toLowerCase(java.util.Locale.ROOT) + " is empty");
    }
    return value;
  }

  /** A plain value, asked on the terminal; without one, a usage error naming the option. */
  public static String line(CliContext context, String prompt, String option) {
    String value =
        context
            .console()
            .map(console -> console.readLine("%s: ", prompt))
            .orElseThrow(() -> CliException.usage(option + " is required"));
    if (value == null || value.isBlank()) {
      throw CliException.usage(option + " is required");
    }
    return value.strip();
  }

  private static String firstLine(CliContext context) {
    try {
      BufferedReader reader =
          new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8));
      String line = reader.readLine();
      return line == null ? "" : line.replaceAll("\r$", "");
    } catch (IOException e) {
      throw CliException.usage("cannot read standard input: " + e.getMessage());
    }
  }
}
