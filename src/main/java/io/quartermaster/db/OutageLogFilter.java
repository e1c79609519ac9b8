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

  private static final Duration CONFIRM_WITHIN = Duration.ofMillis(1500);

  private static final List<String> LIBRARIES = List.of("com.github.kagkarlsson", "com.zaxxer");
  private static final List<DatabaseAvailability> WATCHED = new CopyOnWriteArrayList<>();
  private static final AtomicLong SUPPRESSED = new AtomicLong();

  private final Filter next;

  private OutageLogFilter(Filter next) {
    this.next = next;
  }

  static void register(DatabaseAvailability availability) {
    WATCHED.add(availability);
    ensureInstalled();
  }

  /**
   * Puts the filter on each of the root logger's handlers that lacks it: called at every probe,
   * since the logging configuration may be read again after start (Helidon does so as its server
   * starts), which replaces the handlers.
   */
  static synchronized void ensureInstalled() {
    for (Handler handler : Logger.getLogger("").getHandlers()) {
      if (!(handler.getFilter() instanceof OutageLogFilter)) {
        handler.setFilter(new OutageLogFilter(handler.getFilter()));
      }
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
        || LIBRARIES.stream().noneMatch(logger::startsWith)) {
      return false;
    }
    // db-scheduler's records carry the exception; some of Hikari's only name it in the message.
    boolean lostConnection = DatabaseFailures.isUnavailable(record.getThrown());
    if (!lostConnection && !logger.startsWith("com.zaxxer")) {
      return false;
    }
    if (WATCHED.stream().anyMatch(a -> a.unavailableWithin(AFTERMATH))) {
      return true;
    }
    if (!lostConnection) {
      return false;
    }
    // The first failures of an outage come before the probe has noticed it: ask it now. A
    // connection lost while the database still answers is logged as usual.
    return WATCHED.stream().anyMatch(a -> a.confirmOutage(CONFIRM_WITHIN));
  }
}
