package io.quartermaster.bench;

import java.time.Duration;
import java.util.Random;

/**
 * The campaign's rounds: at a random moment, {@code kill -9} of a random instance, which is
 * restarted after a random pause. One instance is down at a time, so there is always one to place
 * orders with and take the dead one's orders over. Each round first starts a wave of the workload's
 * pools, so that its kill lands among orders at work.
 */
final class ChaosKiller {

  private final ChaosInstances instances;
  private final ChaosWorkload workload;
  private final int rounds;
  private final Random random;
  private int kills;
  private int killsWithOrdersInFlight;

  ChaosKiller(ChaosInstances instances, ChaosWorkload workload, int rounds, long seed) {
    this.instances = instances;
    this.workload = workload;
    this.rounds = rounds;
    this.random = new Random(seed);
  }

  void run() {
    for (int round = 0; round < rounds; round++) {
      workload.startWave();
      pause(Duration.ofMillis(500 + random.nextInt(2500)));
      int victim = random.nextInt(instances.size());
      if (workload.ordersInFlight() > 0) {
        killsWithOrdersInFlight++;
      }
      instances.kill(victim);
      kills++;
      pause(Duration.ofMillis(random.nextInt(1500)));
      instances.start(victim);
    }
  }

  int rounds() {
    return rounds;
  }

  int kills() {
    return kills;
  }

  int killsWithOrdersInFlight() {
    return killsWithOrdersInFlight;
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
