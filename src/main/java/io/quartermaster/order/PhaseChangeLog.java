package io.quartermaster.order;

import java.lang.System.Logger.Level;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * One log line per phase an order enters, e.g. {@code order order.pool-5ed5-w4l2n of project 04f2…:
 * processing (paid)}, written once the change has committed, so that a line never tells of a change
 * that was rolled back. The order's events are the source: each one that sets a phase says which in
 * its payload.
 */
final class PhaseChangeLog {

  private static final System.Logger LOG = System.getLogger(PhaseChangeLog.class.getName());
  private static final String PREFIX = "order.";

  private PhaseChangeLog() {}

  /** Logs, after {@code h}'s transaction commits, the phase that event {@code kind} sets. */
  static void afterCommit(
      Handle h, String projectId, String orderName, String kind, Map<String, Object> payload) {
    if (!(payload.get("phase") instanceof String phase)
        || !isPhaseChange(kind, phase)
        || !LOG.isLoggable(Level.INFO)) {
      return;
    }
    String event = kind.startsWith(PREFIX) ? kind.substring(PREFIX.length()) : kind;
    StringBuilder line = new StringBuilder("order ").append(orderName);
    line.append(" of project ").append(projectId).append(": ").append(phase);
    if (!event.equals(phase)) {
      line.append(" (").append(event).append(')');
    }
    if (payload.get("failReason") instanceof String reason) {
      line.append(": ").append(reason);
    }
    h.afterCommit(() -> LOG.log(Level.INFO, line.toString()));
  }

  /**
   * An order is placed in its first phase; the engine's {@code order.processing} only marks the
   * start of work on an order that was processing already, and a payment or approval that leaves it
   * waiting for the other keeps it pending.
   */
  private static boolean isPhaseChange(String kind, String phase) {
    if (kind.equals("order.placed")) {
      return true;
    }
    return !kind.equals("order.processing") && !phase.equals(OrderPhase.PENDING.wire());
  }
}
