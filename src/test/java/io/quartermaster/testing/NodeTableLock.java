package io.quartermaster.testing;

import org.jdbi.v3.core.Handle;

/**
 * Holds every order of the shared {@link TestServer} at its first node, for tests that must see an
 * order mid-run although the test server's simulated nodes take no time: while this is open, a
 * share lock on {@code nodes} keeps the engine from recording a created node, so that item stays
 * {@code processing} (and its pool {@code Creating}). Closing it lets the engine go on.
 */
public final class NodeTableLock implements AutoCloseable {

  private final Handle handle;

  public NodeTableLock(TestServer server) {
    handle = server.jdbi().open();
    handle.begin();
    handle.execute("lock table nodes in share mode");
  }

  @Override
  public void close() {
    try {
      handle.rollback();
    } finally {
      handle.close();
    }
  }
}
