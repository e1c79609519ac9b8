package io.quartermaster.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One answer of {@code /metrics}, parsed into series: a name, its labels and a value. */
record Scrape(List<Series> series) {

  record Series(String name, Map<String, String> labels, double value) {}

  private static final Pattern LINE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  static Scrape parse(String text) {
    List<Series> series = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        throw new AssertionError("not a line of the Prometheus text format: " + line);
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (m.group(2) != null) {
        Matcher label = LABEL.matcher(m.group(2));
        while (label.find()) {
          labels.put(label.group(1), label.group(2));
        }
      }
      series.add(new Series(m.group(1), labels, Double.parseDouble(m.group(3))));
    }
    return new Scrape(List.copyOf(series));
  }

  /** The sum of the series named {@code name} whose labels include {@code labels}; 0 if none. */
  double value(String name, Map<String, String> labels) {
    return matching(name, labels).stream().mapToDouble(Series::value).sum();
  }

  double value(String name) {
    return value(name, Map.of());
  }

  List<Series> matching(String name, Map<String, String> labels) {
    return series.stream()
        .filter(s -> s.name().equals(name))
        .filter(s -> s.labels().entrySet().containsAll(labels.entrySet()))
        .toList();
  }

  /** The service's own series only: the whole scrape would drown a failure message. */
  @Override
  public String toString() {
    return series.stream()
        .filter(s -> s.name().startsWith("qm_"))
        .map(s -> s.name() + s.labels() + " " + s.value())
        .collect(java.util.stream.Collectors.joining("\n", "Scrape[\n", "\n]"));
  }

  boolean has(String name) {
    return series.stream().anyMatch(s -> s.name().equals(name));
  }
}
