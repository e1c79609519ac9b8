package io.quartermaster.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The messages one of the service's loggers logs while the capture is open, at the levels the
 * logger is configured for, as the service's own handler would receive them.
 */
public final class LogCapture implements AutoCloseable {

  private final Logger logger;
  private final List<LogRecord> records = new ArrayList<>();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          // The level and any filter the service installs on the root's handlers, as a real
          // handler applies them.
          if (!isLoggable(record)) {
            return;
          }
          synchronized (records) {
            records.add(record);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private LogCapture(String loggerName) {
    this.logger = Logger.getLogger(loggerName);
    handler.setLevel(Level.ALL);
    logger.addHandler(handler);
  }

  /** Captures what the logger named {@code loggerName} (and those below it) logs from now on. */
  public static LogCapture of(String loggerName) {
    return new LogCapture(loggerName);
  }

  /** The messages logged so far, oldest first. */
  public List<String> messages() {
    synchronized (records) {
      return records.stream().map(LogRecord::getMessage).toList();
    }
  }

  /** The records logged so far, oldest first. */
  public List<LogRecord> records() {
    synchronized (records) {
      return List.copyOf(records);
    }
  }

  /** The messages logged at {@code level} so far. */
  public List<String> messages(Level level) {
    synchronized (records) {
      return records.stream()
          .filter(r -> r.getLevel() == level)
          .map(LogRecord::getMessage)
          .toList();
    }
  }

  /** Waits until some message logged matches {@code wanted}, and answers it. */
  public String await(Predicate<String> wanted) {
    return Eventually.until(
            () -> messages().stream().filter(wanted).findFirst(), java.util.Optional::isPresent)
        .orElseThrow();
  }

  @Override
  public void close() {
    logger.removeHandler(handler);
  }
}
