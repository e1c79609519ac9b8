package io.quartermaster.app;

import io.quartermaster.error.InvalidConfigException;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code QM_LOG_LEVEL}: how much the service's own loggers ({@code io.quartermaster.*}) say. At
 * {@code info}, the default, that is a line per request and per order phase change besides the
 * warnings and errors; {@code warning} leaves those two out; {@code debug} and {@code trace} add
 * detail. The libraries' levels stay as {@code logging.properties} sets them.
 */
final class LogLevel {

  static final String VARIABLE = "QM_LOG_LEVEL";

  // JUL keeps loggers weakly: without this reference, the level set here could be dropped with
  // the logger before anything logs.
  private static final Logger SERVICE = Logger.getLogger("io.quartermaster");

  private static final Map<String, Level> LEVELS =
      Map.of(
          "off", Level.OFF,
          "error", Level.SEVERE,
          "warning", Level.WARNING,
          "info", Level.INFO,
          "debug", Level.FINE,
          "trace", Level.FINER,
          "all", Level.ALL);

  private LogLevel() {}

  /** Sets the level that {@code QM_LOG_LEVEL} in {@code env} names (default {@code info}). */
  static void apply(Map<String, String> env) {
    String name = env.getOrDefault(VARIABLE, "").strip().toLowerCase(Locale.ROOT);
    Level level = name.isEmpty() ? Level.INFO : LEVELS.get(name);
    if (level == null) {
      throw new InvalidConfigException(
          VARIABLE
              + " must be one of error, warning, info, debug, trace, off, all, not '"
              + env.get(VARIABLE).strip()
              + "'");
    }
    SERVICE.setLevel(level);
  }
}
