package io.quartermaster.engine;

import io.quartermaster.order.OrderItemRow;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Carries out a stage of an order's items concurrently: at most {@code perOrder} of them at once,
 * and, together with the items of every other order on this instance, at most {@code perInstance}.
 * The second bound is what the provider (and the connection pool) sees from one instance however
 * many orders run. Each item gets a virtual thread, since it spends its time waiting on the
 * provider and the database.
 */
final class ItemSlots implements AutoCloseable {

  /** What the engine does for one item; answers false when the item failed. */
  @FunctionalInterface
  interface Work {
    boolean carryOut(OrderItemRow item) throws Exception;
  }

  private final int perOrder;
  private final Semaphore instance;
  private final ExecutorService threads =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("qm-item-", 0).factory());

  ItemSlots(int perOrder, int perInstance) {
    this.perOrder = perOrder;
    // Fair, so that an order waiting for a slot is not overtaken for ever by busier ones.
    this.instance = new Semaphore(perInstance, true);
  }

  /**
   * Runs {@code work} for every unsettled item of {@code stage}, in their order, several at once.
   * Once an item fails or its work throws, no further planned item is started, but the items
   * already in flight are carried to the end: their provider calls were made, so their outcome must
   * be recorded. Items caught in {@code processing} by an earlier run are always carried out again,
   * even when {@code stopped} (an item of the stage failed before), for the same reason. Throws the
   * first exception once nothing is in flight any more.
   */
  void run(List<OrderItemRow> stage, boolean stopped, Work work) throws Exception {
    Semaphore order = new Semaphore(perOrder);
    AtomicBoolean stop = new AtomicBoolean(stopped);
    List<Future<?>> inFlight = new ArrayList<>();
    try {
      for (OrderItemRow item : stage) {
        if (!due(item, stop.get())) {
          continue;
        }
        order.acquire();
        if (!due(item, stop.get())) {
          order.release();
          continue;
        }
        inFlight.add(threads.submit(() -> carryOut(item, work, order, stop)));
      }
      awaitAll(inFlight);
    } catch (InterruptedException e) {
      // The engine is stopping: the items left in processing are resumed by the next run.
      inFlight.forEach(f -> f.cancel(true));
      throw e;
    }
  }

  private Void carryOut(OrderItemRow item, Work work, Semaphore order, AtomicBoolean stop)
      throws Exception {
    try {
      instance.acquire();
      try {
        if (!work.carryOut(item)) {
          stop.set(true);
        }
      } finally {
        instance.release();
      }
    } catch (Exception | Error e) {
      stop.set(true);
      throw e;
    } finally {
      order.release();
    }
    return null;
  }

  private static boolean due(OrderItemRow item, boolean stopped) {
    return switch (item.status()) {
      case PROCESSING -> true;
      case PLANNED -> !stopped;
      case SUCCEED, FAILED -> false;
    };
  }

  private static void awaitAll(List<Future<?>> inFlight) throws Exception {
    Throwable first = null;
    for (Future<?> future : inFlight) {
      try {
        future.get();
      } catch (ExecutionException e) {
        if (first == null) {
          first = e.getCause();
        } else {
          first.addSuppressed(e.getCause());
        }
      }
    }
    if (first instanceof Error error) {
      throw error;
    }
    if (first != null) {
      throw (Exception) first;
    }
  }

  /** Interrupts the items still in flight; their runs resume elsewhere or at the next start. */
  @Override
  public void close() {
    threads.shutdownNow();
  }
}
