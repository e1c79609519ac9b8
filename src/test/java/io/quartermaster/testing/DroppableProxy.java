package io.quartermaster.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on a free loopback port in front of the {@link TestServer}, whose connections a test
 * can cut at once, as a flaky network or a proxy restart would: the client sees its open requests
 * break, and its next connection goes through as before.
 */
public final class DroppableProxy implements AutoCloseable {

  private final ServerSocket listener;
  private final InetSocketAddress target;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final AtomicLong fromTarget = new AtomicLong();

  public DroppableProxy(int targetPort) {
    try {
      listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
    Thread.ofVirtual().name("proxy-accept").start(this::accept);
  }

  /** The relay's base URL, e.g. {@code http://127.0.0.1:PORT}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + listener.getLocalPort();
  }

  /**
   * How many bytes the server has sent through the relay so far: a client's stream has opened once
   * this grows after its request.
   */
  public long bytesFromTarget() {
    return fromTarget.get();
  }

  /** Closes every connection open through the relay now; new ones are relayed as before. */
  public void dropAll() {
    open.forEach(DroppableProxy::closeQuietly);
    open.clear();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket upstream = new Socket();
        upstream.connect(target);
        open.add(client);
        open.add(upstream);
        Thread.ofVirtual().start(() -> pump(client, upstream, new AtomicLong()));
        Thread.ofVirtual().start(() -> pump(upstream, client, fromTarget));
      } catch (IOException e) {
        // Closed while accepting, or the server refused: the client sees its connection fail.
      }
    }
  }

  private void pump(Socket from, Socket to, AtomicLong relayed) {
    byte[] buffer = new byte[8192];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
        out.flush();
        relayed.addAndGet(n);
      }
    } catch (IOException e) {
      // One side went away: so does the other.
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      open.remove(from);
      open.remove(to);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing is all that was asked.
    }
  }

  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException e) {
      // As above.
    }
    dropAll();
  }
}
