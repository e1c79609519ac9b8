package io.quartermaster.event;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One open stream's inbox: the batches its project's feed read from the log, waiting for the
 * stream's thread to send them. Bounded, so that a client that reads slowly cannot make the server
 * hold the project's log in memory: a stream whose inbox overflowed drops it and reads the log
 * itself.
 */
final class Subscription {

  /**
   * Every event of the project numbered after {@code after}, up to the last of {@code rows}, as one
   * read of the log saw them.
   */
  record Batch(long after, List<EventRow> rows) {
    long last() {
      return rows.getLast().seq();
    }
  }

  private static final int CAPACITY = 64;
  private static final Batch CLOSED = new Batch(Long.MAX_VALUE, List.of());

  private final String projectId;
  private final BlockingQueue<Batch> inbox = new ArrayBlockingQueue<>(CAPACITY);
  private volatile boolean overflowed;
  private volatile boolean closed;

  Subscription(String projectId) {
    this.projectId = projectId;
  }

  String projectId() {
    return projectId;
  }

  /** Called by the feed; never blocks. */
  void deliver(Batch batch) {
    if (!inbox.offer(batch)) {
      overflowed = true;
    }
  }

  /** Whether batches were dropped since the last call; if so, the inbox is emptied too. */
  boolean takeOverflow() {
    if (!overflowed) {
      return false;
    }
    overflowed = false;
    inbox.clear();
    return true;
  }

  /** The next batch, or null after {@code nanos} without one or once closed. */
  Batch next(long nanos) throws InterruptedException {
    if (closed) {
      return null;
    }
    Batch batch = inbox.poll(nanos, TimeUnit.NANOSECONDS);
    return batch == CLOSED ? null : batch;
  }

  /** Ends the stream: its thread stops at once, even while it waits. */
  void close() {
    closed = true;
    inbox.clear();
    inbox.offer(CLOSED);
  }

  boolean closed() {
    return closed;
  }
}
