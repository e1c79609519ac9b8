package io.quartermaster.http;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Status;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Cuts off clients that send a request's headers or body too slowly (see {@link ReadTimeouts}).
 * Helidon's own socket read timeout applies to each read, so a client that sends one byte just
 * within it, again and again, would hold its connection for ever; this puts a deadline on the whole
 * head and the whole body instead.
 *
 * <p>Helidon tells its connection listeners when the request line and the headers have been read
 * and when a response starts, on the connection's own thread. Each connection's deadline is kept in
 * a thread-local slot (a connection has its thread to itself), so the request path only writes a
 * number; one timer thread looks at the deadlines a few times per timeout and closes the sockets of
 * clients past theirs.
 */
public final class SlowClientGuard implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(SlowClientGuard.class.getName());

  /** The connection served by the current thread, once it has sent a request line. */
  private static final ThreadLocal<Watch> CURRENT = new ThreadLocal<>();

  /** One thread for every server of the JVM: checking is a short walk over open connections. */
  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "qm-slow-client-guard");
            thread.setDaemon(true);
            return thread;
          });

  private static final long NONE = 0;
  private static final long CUT = -1;

  private final long headerNanos;
  private final long bodyNanos;
  private final Set<Watch> watched = ConcurrentHashMap.newKeySet();
  private final ScheduledFuture<?> checks;

  private final ReadTimeouts timeouts;

  public SlowClientGuard(ReadTimeouts timeouts) {
    this.timeouts = timeouts;
    this.headerNanos = timeouts.header().toNanos();
    this.bodyNanos = timeouts.body().toNanos();
    long every = timeouts.checkEvery().toMillis();
    this.checks =
        TIMER.scheduleWithFixedDelay(this::cutOffLateClients, every, every, TimeUnit.MILLISECONDS);
  }

  ReadTimeouts timeouts() {
    return timeouts;
  }

  /**
   * What Helidon tells of the requests it reads, passed on to {@code next} first. One listener
   * calls the other because Helidon 4.5 combines several listeners into one that passes nothing on.
   */
  Http1ConnectionListener receiveListener(Http1ConnectionListener next) {
    return new Passing(next) {
      @Override
      public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
        next.prologue(ctx, prologue);
        requestLineRead(ctx);
      }

      @Override
      public void headers(ConnectionContext ctx, Headers headers) {
        next.headers(ctx, headers);
        headersRead(ctx, headers);
      }
    };
  }

  /** What Helidon tells of the responses it sends, passed on to {@code next} first. */
  Http1ConnectionListener sendListener(Http1ConnectionListener next) {
    return new Passing(next) {
      @Override
      public void status(ConnectionContext ctx, Status status) {
        next.status(ctx, status);
        // A response is starting: whatever the handler wanted of the body, it has read.
        bodyRead();
      }
    };
  }

  /** Passes every call on to {@code next}. */
  private static class Passing implements Http1ConnectionListener {
    private final Http1ConnectionListener next;

    Passing(Http1ConnectionListener next) {
      this.next = next;
    }

    @Override
    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
      next.prologue(ctx, prologue);
    }

    @Override
    public void headers(ConnectionContext ctx, Headers headers) {
      next.headers(ctx, headers);
    }

    @Override
    public void status(ConnectionContext ctx, Status status) {
      next.status(ctx, status);
    }

    @Override
    public void data(ConnectionContext ctx, BufferData data) {
      next.data(ctx, data);
    }

    @Override
    public void data(ConnectionContext ctx, byte[] bytes, int offset, int length) {
      next.data(ctx, bytes, offset, length);
    }
  }

  /** The request line is in: the headers must follow within the header timeout. */
  private void requestLineRead(ConnectionContext ctx) {
    Watch watch = CURRENT.get();
    if (watch == null || watch.ctx != ctx) {
      watch = new Watch(ctx);
      CURRENT.set(watch);
      watched.add(watch);
    }
    watch.deadline.set(System.nanoTime() + headerNanos);
  }

  /** The headers are in: a body, if any, must follow within the body timeout. */
  private void headersRead(ConnectionContext ctx, Headers headers) {
    Watch watch = CURRENT.get();
    if (watch == null || watch.ctx != ctx) {
      return;
    }
    boolean hasBody =
        headers.contains(HeaderNames.TRANSFER_ENCODING)
            || headers.first(HeaderNames.CONTENT_LENGTH).filter(v -> !v.equals("0")).isPresent();
    watch.settle(hasBody ? System.nanoTime() + bodyNanos : NONE);
  }

  /** The handler has read the whole body of the current thread's request. */
  static void bodyRead() {
    Watch watch = CURRENT.get();
    if (watch != null) {
      watch.settle(NONE);
    }
  }

  private void cutOffLateClients() {
    long now = System.nanoTime();
    for (Watch watch : watched) {
      HelidonSocket socket = watch.socket;
      // Gone either way: its socket was closed, or the thread that served it has ended.
      if (!socket.isConnected() || !watch.owner.isAlive()) {
        watched.remove(watch);
        continue;
      }
      long deadline = watch.deadline.get();
      if (deadline != NONE
          && deadline != CUT
          && now - deadline > 0
          && watch.deadline.compareAndSet(deadline, CUT)) {
        watched.remove(watch);
        LOG.log(
            System.Logger.Level.INFO,
            "closing connection from "
                + watch.ctx.remotePeer().address()
                + ": the request did not arrive in time");
        try {
          socket.close();
        } catch (RuntimeException e) {
          LOG.log(System.Logger.Level.DEBUG, "closing a late client's socket failed", e);
        }
      }
    }
  }

  /** Stops checking; for when the server has stopped. */
  @Override
  public void close() {
    checks.cancel(false);
    watched.clear();
  }

  /** One connection's deadline: {@code NONE} when it owes nothing, {@code CUT} once closed. */
  private static final class Watch {
    final ConnectionContext ctx;
    final HelidonSocket socket;
    final Thread owner = Thread.currentThread();
    final AtomicLong deadline = new AtomicLong(NONE);

    Watch(ConnectionContext ctx) {
      this.ctx = ctx;
      this.socket = ctx.serverSocket();
    }

    /** Sets the next deadline, unless the connection was already cut off. */
    void settle(long next) {
      long current = deadline.get();
      if (current != CUT && current != next) {
        deadline.compareAndSet(current, next);
      }
    }
  }
}
