package io.quartermaster.db;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells a database that cannot be reached from every other failure. Such a failure says nothing
 * about the request or the order that met it: the same work will succeed once the server answers
 * again, so callers answer 503 or wait instead of reporting an error of their own.
 */
public final class DatabaseFailures {

  private DatabaseFailures() {}

  /**
   * Whether {@code failure}, or anything that caused it, is a lost or refused connection: SQLSTATE
   * class 08 (connection exception), 57P01-57P03 (the server shutting down, crashed or starting
   * up), Hikari's timeout waiting for a connection the pool cannot open, or a refused socket.
   */
  public static boolean isUnavailable(Throwable failure) {
    return isUnavailable(failure, 0);
  }

  /** Causes and suppressed exceptions both: a failed rollback carries the real failure so. */
  private static boolean isUnavailable(Throwable failure, int depth) {
    if (failure == null || depth > 8) {
      return false;
    }
    if (failure instanceof SQLTransientConnectionException || failure instanceof ConnectException) {
      return true;
    }
    if (failure instanceof SQLException sql && isConnectionState(sql.getSQLState())) {
      return true;
    }
    for (Throwable suppressed : failure.getSuppressed()) {
      if (isUnavailable(suppressed, depth + 1)) {
        return true;
      }
    }
    return failure.getCause() != failure && isUnavailable(failure.getCause(), depth + 1);
  }

  private static boolean isConnectionState(String state) {
    return state != null
        && (state.startsWith("08")
            || state.equals("57P01")
            || state.equals("57P02")
            || state.equals("57P03"));
  }
}
