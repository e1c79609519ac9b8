package io.quartermaster.event;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;

/**
 * The streams open on this instance, by project, and the wake-ups that reach them: a notification
 * for a project, a periodic re-read of every watched project (the safety net for a lost
 * notification), and a re-read of all after the listening connection came back.
 */
public final class EventHub implements AutoCloseable {

  private final Jdbi jdbi;
  private final EventDao dao;
  private final ConcurrentMap<String, ProjectFeed> feeds = new ConcurrentHashMap<>();
  private final ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();
  private final ScheduledExecutorService safetyNet;
  private volatile boolean closed;

  EventHub(Jdbi jdbi, EventDao dao, Duration pollInterval) {
    this.jdbi = jdbi;
    this.dao = dao;
    this.safetyNet =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "qm-event-reread");
              thread.setDaemon(true);
              return thread;
            });
    long millis = pollInterval.toMillis();
    safetyNet.scheduleWithFixedDelay(this::wakeAll, millis, millis, TimeUnit.MILLISECONDS);
  }

  /**
   * Registers a stream on {@code projectId}; from now on it receives every event the feed reads.
   * The caller replays older events from the log itself, after this returns.
   */
  Subscription subscribe(String projectId) {
    Subscription subscription = new Subscription(projectId);
    ProjectFeed feed =
        feeds.compute(
            projectId,
            (id, existing) -> {
              ProjectFeed f = existing == null ? new ProjectFeed(id, jdbi, dao, readers) : existing;
              f.add(subscription);
              return f;
            });
    if (closed) {
      subscription.close();
    }
    try {
      feed.initialise();
    } catch (RuntimeException e) {
      unsubscribe(subscription);
      throw e;
    }
    return subscription;
  }

  void unsubscribe(Subscription subscription) {
    feeds.computeIfPresent(
        subscription.projectId(), (id, feed) -> feed.remove(subscription) ? null : feed);
  }

  /** A notification said that {@code projectId} has new events. */
  void wake(String projectId) {
    ProjectFeed feed = feeds.get(projectId);
    if (feed != null) {
      feed.wake();
    }
  }

  void wakeAll() {
    feeds.values().forEach(ProjectFeed::wake);
  }

  /** How many streams are open on this instance. */
  public int subscribers() {
    return feeds.values().stream().mapToInt(f -> f.subscriptions().size()).sum();
  }

  /** Ends every open stream and stops reading. */
  @Override
  public void close() {
    closed = true;
    safetyNet.shutdownNow();
    feeds.values().forEach(f -> f.subscriptions().forEach(Subscription::close));
    readers.shutdownNow();
  }
}
