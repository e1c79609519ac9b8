package io.quartermaster.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints what the service answered in the format asked for: {@code json} is the service's text
 * unchanged (so {@code jq} reads what the API sends), {@code yaml} the same document as YAML, and
 * {@code table} and {@code csv} the rows through columns. Tables leave two spaces between columns
 * and colour state names only on a terminal.
 */
public final class Printer {

  private final PrintWriter out;
  private final PrintWriter err;
  private final Style style;

  public Printer(CliContext context, Style style) {
    this.out = context.out();
    this.err = context.err();
    this.style = style;
  }

  /**
   * A list: {@code json} is printed as is; otherwise {@code rows} through the columns (the CSV ones
   * for {@code csv}). An empty table says so on standard error, leaving standard output empty.
   */
  public void list(
      OutputFormat format,
      String json,
      String noun,
      List<JsonNode> rows,
      List<Column> tableColumns,
      List<Column> csvColumns) {
    switch (format) {
      case JSON, YAML -> document(format, json);
      case CSV -> csv(rows, csvColumns);
      case TABLE -> {
        if (rows.isEmpty()) {
          err.println("No " + noun + " found.");
        } else {
          table(rows, tableColumns);
        }
      }
    }
    out.flush();
  }

  /** One object: fields one per line for {@code table}, one CSV row for {@code csv}. */
  public void details(OutputFormat format, String json, JsonNode row, List<Column> fields) {
    switch (format) {
      case JSON, YAML -> document(format, json);
      case CSV -> csv(List.of(row), fields);
      case TABLE -> fields(row, fields);
    }
    out.flush();
  }

  /** {@code json} as it is, or as YAML. */
  public void document(OutputFormat format, String json) {
    if (format == OutputFormat.YAML) {
      out.print(yaml(json));
    } else {
      out.println(json.strip());
    }
    out.flush();
  }

  public void table(List<JsonNode> rows, List<Column> columns) {
    List<List<String>> cells = new ArrayList<>();
    for (JsonNode row : rows) {
      cells.add(columns.stream().map(column -> column.read(row)).toList());
    }
    int[] widths = new int[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      widths[i] = columns.get(i).header().length();
      for (List<String> line : cells) {
        widths[i] = Math.max(widths[i], line.get(i).length());
      }
    }
    out.println(line(columns.stream().map(Column::header).toList(), widths, columns, false));
    for (List<String> line : cells) {
      out.println(line(line, widths, columns, true));
    }
    out.flush();
  }

  /** Widths are measured on plain text; colour is added after padding, so columns stay aligned. */
  private String line(List<String> values, int[] widths, List<Column> columns, boolean body) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i).isEmpty() && body ? "-" : values.get(i);
      boolean last = i == values.size() - 1;
      String padded = last ? value : value + " ".repeat(widths[i] - value.length() + 2);
      if (body && columns.get(i).state()) {
        padded = style.state(value) + padded.substring(value.length());
      }
      text.append(padded);
    }
    return text.toString().stripTrailing();
  }

  private void fields(JsonNode row, List<Column> fields) {
    int width = fields.stream().mapToInt(f -> f.header().length()).max().orElse(0) + 1;
    for (Column field : fields) {
      String value = field.read(row);
      if (value.isEmpty()) {
        continue;
      }
      String label = field.header() + ":";
      out.println(
          label
              + " ".repeat(width - label.length() + 2)
              + (field.state() ? style.state(value) : value));
    }
  }

  private void csv(List<JsonNode> rows, List<Column> columns) {
    CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
    columns.forEach(column -> schema.addColumn(column.header()));
    List<List<String>> cells = new ArrayList<>();
    for (JsonNode row : rows) {
      cells.add(columns.stream().map(column -> column.read(row)).toList());
    }
    try {
      out.print(Formats.CSV.writer(schema.build()).writeValueAsString(cells));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("rows of strings are always writable as CSV", e);
    }
  }

  private static String yaml(String json) {
    try {
      JsonNode tree = ClientJson.mapper().readTree(json);
      return Formats.YAML.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw CliException.server("the service's answer is not JSON: " + e.getOriginalMessage());
    }
  }

  // Made on first use: most commands print tables, and YAML's classes cost start-up time.
  private static final class Formats {
    static final CsvMapper CSV = new CsvMapper();
    static final YAMLMapper YAML =
        new YAMLMapper(
            YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                // "0" stays a string: billingMode and workspaceId must not turn into numbers.
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .build());
  }
}
