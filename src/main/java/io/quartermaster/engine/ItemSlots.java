package io.quartermaster.engine;

import io.quartermaster.order.ItemSettlement;
import io.quartermaster.order.ItemStatus;
import io.quartermaster.order.OrderItemRow;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Carries out a stage of an order's items concurrently: at most {@code perOrder} of them at once,
 * and, together with the items of every other order on this instance, at most {@code perInstance}
 * provider calls. The second bound is what the provider sees from one instance however many orders
 * run.
 *
 * <p>One loop per order does all of its database work: each turn settles every answer that came in
 * and marks the next items {@code processing} in one transaction, then hands those items to the
 * provider, each call on a virtual thread of its own. So an order takes one commit per turn rather
 * than two per item, while every item is still marked before its call and settled after.
 */
final class ItemSlots implements AutoCloseable {

  /** What the order's loop does through the engine. */
  interface Steps {
    /** Settles {@code settle} and marks {@code start} processing, in one transaction. */
    void step(List<ItemSettlement> settle, List<OrderItemRow> start) throws Exception;

    /** The provider call for one item; answers the settlement to record. */
    ItemSettlement call(OrderItemRow item) throws Exception;
  }

  /** A provider call that ended: its settlement, or why it could not answer. */
  private record Answer(ItemSettlement settlement, Throwable error) {}

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
   * Carries out every unsettled item of {@code stage}, in their order, several at once. Once an
   * item fails or its call throws, no further planned item is started, but the calls in flight are
   * awaited and their answers recorded: the provider acted on them. Items caught in {@code
   * processing} by an earlier run are called again even when {@code stopped} (an item of the stage
   * failed before), for the same reason. Throws the first exception once nothing is in flight.
   */
  void run(List<OrderItemRow> stage, boolean stopped, Steps steps) throws Exception {
    Deque<OrderItemRow> resumed = new ArrayDeque<>(with(stage, ItemStatus.PROCESSING));
    Deque<OrderItemRow> planned = new ArrayDeque<>(with(stage, ItemStatus.PLANNED));
    BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
    List<Future<?>> calls = new ArrayList<>();
    List<Answer> arrived = new ArrayList<>();
    Permits permits = new Permits();
    boolean stop = stopped;
    Throwable failure = null;
    int inFlight = 0;
    try {
      while (true) {
        answers.drainTo(arrived);
        List<ItemSettlement> settle = new ArrayList<>();
        for (Answer answer : arrived) {
          inFlight--;
          if (answer.error() != null) {
            failure = first(failure, answer.error());
            stop = true;
          } else {
            settle.add(answer.settlement());
            stop |= !answer.settlement().succeeded();
          }
        }
        arrived.clear();
        List<OrderItemRow> again = new ArrayList<>();
        List<OrderItemRow> start = new ArrayList<>();
        int free = perOrder - inFlight;
        while (failure == null && free > 0 && !resumed.isEmpty() && permits.take()) {
          again.add(resumed.poll());
          free--;
        }
        while (!stop && free > 0 && !planned.isEmpty() && permits.take()) {
          start.add(planned.poll());
          free--;
        }
        if (!settle.isEmpty() || !start.isEmpty()) {
          try {
            steps.step(settle, start);
          } catch (Exception | Error e) {
            // Nothing of this step committed: its items are neither started nor settled, and a
            // later run carries them out. The calls in flight end before it may start.
            permits.giveBack(again.size() + start.size());
            awaitAll(answers, inFlight);
            throw e;
          }
        }
        for (OrderItemRow item : again) {
          calls.add(threads.submit(() -> call(item, steps, answers)));
        }
        for (OrderItemRow item : start) {
          calls.add(threads.submit(() -> call(item, steps, answers)));
        }
        inFlight += again.size() + start.size();
        if (inFlight == 0) {
          boolean left = !resumed.isEmpty() || (!stop && !planned.isEmpty());
          if (failure != null || !left) {
            break;
          }
          permits.await();
          continue;
        }
        arrived.add(answers.take());
      }
    } catch (InterruptedException e) {
      // The engine is stopping: the items left in processing are resumed by the next run.
      calls.forEach(f -> f.cancel(true));
      throw e;
    } finally {
      permits.giveBack(0);
    }
    if (failure instanceof Error error) {
      throw error;
    }
    if (failure != null) {
      throw (Exception) failure;
    }
  }

  private void call(OrderItemRow item, Steps steps, BlockingQueue<Answer> answers) {
    try {
      answers.add(new Answer(steps.call(item), null));
    } catch (Throwable e) {
      answers.add(new Answer(null, e));
    } finally {
      instance.release();
    }
  }

  private static void awaitAll(BlockingQueue<Answer> answers, int inFlight)
      throws InterruptedException {
    for (int i = 0; i < inFlight; i++) {
      answers.take();
    }
  }

  private static Throwable first(Throwable first, Throwable next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }

  private static List<OrderItemRow> with(List<OrderItemRow> stage, ItemStatus status) {
    return stage.stream().filter(item -> item.status() == status).toList();
  }

  /**
   * The instance's slots one order's loop holds: taken without waiting while its own calls are in
   * flight (their answers are what it waits for then), waited for when it has none.
   */
  private final class Permits {
    private int held;

    boolean take() throws InterruptedException {
      if (held > 0) {
        held--;
        return true;
      }
      // With a zero timeout, unlike tryAcquire(), a fair semaphore's queue is respected.
      return instance.tryAcquire(0, TimeUnit.NANOSECONDS);
    }

    void await() throws InterruptedException {
      instance.acquire();
      held++;
    }

    /** Returns {@code count} taken but unused slots, and any still held. */
    void giveBack(int count) {
      instance.release(count + held);
      held = 0;
    }
  }

  /** Interrupts the calls still in flight; their items resume elsewhere or at the next start. */
  @Override
  public void close() {
    threads.shutdownNow();
  }
}
