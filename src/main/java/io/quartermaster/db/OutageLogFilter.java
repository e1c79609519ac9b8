package io.quartermaster.db;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Filter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps one outage from flooding the log. While the database is down, db-scheduler logs a stack
 * trace for every poll, heartbeat and housekeeping run, and Hikari a warning for every broken
 * connection; {@link DatabaseAvailability} already said what happened, so those records are counted
 * instead of written, and the count is reported when the database answers again. Only the two
 * libraries' records are held back, and only those about the lost connection.
 */
final class OutageLogFilter implements Filter {

  /** Records that follow the outage by a moment (a retry that was already under way) count too. */
  private static final Duration AFTERMATH = Duration.ofSeconds(10);

  private static final List<String> LIBRARIES = List.of("com.github.kagkarlsson", "com.zaxxer");
  private static final List<DatabaseAvailability> WATCHED = new CopyOnWriteArrayList<>();
  private static final AtomicLong SUPPRESSED = new AtomicLong();
  private static boolean installed;

  private final Filter next;

  private OutageLogFilter(Filter next) {
    this.next = next;
  }

  static synchronized void register(DatabaseAvailability availability) {
    WATCHED.add(availability);
    if (!installed) {
      for (Handler handler : Logger.getLogger("").getHandlers()) {
        handler.setFilter(new OutageLogFilter(handler.getFilter()));
      }
      installed = true;
    }
  }

  static void unregister(DatabaseAvailability availability) {
    WATCHED.remove(availability);
  }

  /** How many records were held back since the last call. */
  static long takeSuppressed() {
    return SUPPRESSED.getAndSet(0);
  }

  @Override
  public boolean isLoggable(LogRecord record) {
    if (aboutTheOutage(record)) {
      SUPPRESSED.incrementAndGet();
      return false;
    }
    return next == null || next.isLoggable(record);
  }

  private static boolean aboutTheOutage(LogRecord record) {
    String logger = record.getLoggerName();
    if (logger == null
        || record.getLevel().intValue() < Level.WARNING.intValue()
        || LIBRARIES.stream().noneMatch(logger::startsWith)
        || WATCHED.stream().noneMatch(a -> a.unavailableWithin(AFTERMATH))) {
      return false;
    }
    // Hikari's warnings about broken connections carry no exception; db-scheduler's always do.
    return logger.startsWith("com.zaxxer") || DatabaseFailures.isUnavailable(record.getThrown());
  }
}
