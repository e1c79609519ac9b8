package io.quartermaster.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;

/**
 * One column of a table or CSV: its header and how to read its value from a row of the service's
 * JSON.
 *
 * @param state whether the value names a state, coloured as such on a terminal
 */
public record Column(String header, Function<JsonNode, String> value, boolean state) {

  public static Column of(String header, Function<JsonNode, String> value) {
    return new Column(header, value, false);
  }

  public static Column state(String header, Function<JsonNode, String> value) {
    return new Column(header, value, true);
  }

  /** The text at {@code pointer} of the row. */
  public static Column at(String header, String pointer) {
    return of(header, row -> ClientJson.textOrEmpty(row, pointer));
  }

  String read(JsonNode row) {
    String text = value.apply(row);
    return text == null ? "" : text;
  }
}
