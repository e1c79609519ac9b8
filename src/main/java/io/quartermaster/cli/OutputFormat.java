package io.quartermaster.cli;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;

/** What {@code --output} may ask for. */
public enum OutputFormat {
  /** Columns for people; the default. */
  TABLE,
  /** The service's JSON, unchanged. */
  JSON,
  /** The service's JSON as YAML. */
  YAML,
  /** The table's rows with machine-readable values, a header first. */
  CSV;

  /** The names as users type them, for completion and help. */
  public static final class Names implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).iterator();
    }
  }
}
