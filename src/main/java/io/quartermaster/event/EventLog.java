package io.quartermaster.event;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * A project's event log read by other features, as the streams send it: the outgoing notifications
 * read it by sequence number, each from its own cursor.
 */
public final class EventLog {

  private final EventDao dao = new EventDao();

  /** Up to {@code limit} events of the project after {@code after}, oldest first. */
  public List<StreamEvent> after(Handle h, String projectId, long after, int limit) {
    return dao.after(h, projectId, after, limit).stream().map(StreamEvent::of).toList();
  }

  /** The number of the project's newest committed event; 0 before its first. */
  public long newest(Handle h, String projectId) {
    return dao.newest(h, projectId);
  }
}
