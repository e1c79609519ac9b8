package io.quartermaster.bench;

import io.quartermaster.testing.ServiceProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The campaign's {@code qm serve} processes, each on its own port and data directory, all on one
 * database. An instance killed with {@code kill -9} is restarted on the same port, so callers keep
 * their address for it; while it is down, {@link #isUp} says so, and callers go to another.
 */
final class ChaosInstances implements AutoCloseable {

  private final Path dir;
  private final Map<String, String> env;
  private final int[] ports;
  private final AtomicReferenceArray<ServiceProcess> running;
  private final List<ServiceProcess> started = new ArrayList<>();

  ChaosInstances(int count, Path dir, Map<String, String> env) {
    this.dir = dir;
    this.env = Map.copyOf(env);
    this.ports = new int[count];
    this.running = new AtomicReferenceArray<>(count);
    for (int i = 0; i < count; i++) {
      ports[i] = ServiceProcess.freePort();
    }
  }

  void startAll() {
    for (int i = 0; i < ports.length; i++) {
      start(i);
    }
  }

  int size() {
    return ports.length;
  }

  String baseUrl(int instance) {
    return "http://127.0.0.1:" + ports[instance];
  }

  boolean isUp(int instance) {
    return running.get(instance) != null;
  }

  long pid(int instance) {
    return running.get(instance).handle().pid();
  }

  /** SIGKILL of the instance's JVM; it stays down until {@link #start}. */
  void kill(int instance) {
    ServiceProcess process = running.getAndSet(instance, null);
    if (process != null) {
      process.kill();
    }
  }

  /** Starts the instance on its port and data directory and waits until it is healthy. */
  void start(int instance) {
    Path data = dir.resolve("instance-" + instance);
    ServiceProcess process =
        ServiceProcess.start(
            ServiceProcess.jar(
                "serve", "--port", "" + ports[instance], "--data-dir", data.toString()),
            env);
    synchronized (started) {
      started.add(process);
    }
    process.awaitHealthy(ports[instance]);
    running.set(instance, process);
  }

  /** The logs of every process started, newest last, for a campaign that went wrong. */
  String logs() {
    StringBuilder out = new StringBuilder();
    synchronized (started) {
      for (ServiceProcess process : started) {
        out.append("--- ").append(process.workDir()).append('\n').append(process.stderr());
      }
    }
    return out.toString();
  }

  @Override
  public void close() {
    synchronized (started) {
      ServiceProcess.closeAll(started);
    }
  }
}
