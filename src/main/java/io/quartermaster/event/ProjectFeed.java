package io.quartermaster.event;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Jdbi;

/**
 * The live tail of one project's event log, shared by every stream open on that project in this
 * instance: when woken, it reads the events after the last one it read, once, and hands the batch
 * to each stream. Wake-ups that come while a read runs are folded into one more read.
 */
final class ProjectFeed {

  private static final System.Logger LOG = System.getLogger(ProjectFeed.class.getName());
  static final int BATCH = 500;

  private final String projectId;
  private final Jdbi jdbi;
  private final EventDao dao;
  private final Executor executor;
  private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean again = new AtomicBoolean();
  private long fetched = -1; // guarded by this; -1 until the first read of the log's end

  ProjectFeed(String projectId, Jdbi jdbi, EventDao dao, Executor executor) {
    this.projectId = projectId;
    this.jdbi = jdbi;
    this.dao = dao;
    this.executor = executor;
  }

  void add(Subscription subscription) {
    subscriptions.add(subscription);
  }

  /** Removes a stream; returns whether none is left. */
  boolean remove(Subscription subscription) {
    subscriptions.remove(subscription);
    return subscriptions.isEmpty();
  }

  List<Subscription> subscriptions() {
    return subscriptions;
  }

  /**
   * Starts the tail at the log's current end. A stream replays what came before from the log
   * itself, so the feed never reads further back.
   */
  synchronized void initialise() {
    if (fetched < 0) {
      fetched = jdbi.withHandle(h -> dao.newest(h, projectId));
    }
  }

  /** Asks for a read of the log soon; returns at once. */
  void wake() {
    again.set(true);
    if (running.compareAndSet(false, true)) {
      executor.execute(this::drain);
    }
  }

  private void drain() {
    try {
      while (again.getAndSet(false)) {
        read();
      }
    } catch (RuntimeException e) {
      // The next notification or the periodic re-read tries again; the streams lose nothing.
      LOG.log(Level.WARNING, "could not read the event log of project " + projectId, e);
    } finally {
      running.set(false);
      if (again.get() && running.compareAndSet(false, true)) {
        executor.execute(this::drain);
      }
    }
  }

  private synchronized void read() {
    initialise();
    while (!subscriptions.isEmpty()) {
      long after = fetched;
      List<EventRow> rows = jdbi.withHandle(h -> dao.after(h, projectId, after, BATCH));
      if (rows.isEmpty()) {
        return;
      }
      Subscription.Batch batch = new Subscription.Batch(after, rows);
      subscriptions.forEach(s -> s.deliver(batch));
      fetched = batch.last();
      if (rows.size() < BATCH) {
        return;
      }
    }
  }
}
