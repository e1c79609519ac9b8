package io.quartermaster.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.Pools;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The orders of the campaign, placed through the pool API of whichever instance is up: each pool
 * gets an {@code apply}, some {@code modify} orders (scale out, scale in, or deleting a named node)
 * and usually a {@code delete}, one after another, each placed once its predecessor finished. Many
 * pools run at once. Every placing request carries an idempotency key and is sent again, to another
 * instance, until it is answered, so that an instance killed mid-request leaves no doubt whether
 * the order exists.
 */
final class ChaosWorkload {

  /** An order the service accepted: its answer named it. */
  record Placed(String orderName, String operation, String poolName) {}

  private enum Step {
    APPLY,
    MODIFY,
    DELETE
  }

  private static final String FLAVOR = "modelarts.vm.cpu.2u.d";
  private static final int MAX_NODES = 4;
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration ORDER_TIMEOUT = Duration.ofSeconds(240);

  private final ChaosInstances instances;
  private final String token;
  private final String project;
  private final List<Placed> placed = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> refused = new ConcurrentHashMap<>();
  private final List<String> errors = new CopyOnWriteArrayList<>();
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final AtomicInteger resent = new AtomicInteger();
  private final List<List<Runnable>> waves = new ArrayList<>();
  private final ExecutorService pools = Executors.newVirtualThreadPerTaskExecutor();
  private volatile boolean done;

  ChaosWorkload(ChaosInstances instances, String token, String project) {
    this.instances = instances;
    this.token = token;
    this.project = project;
  }

  /** Plans {@code orders} orders over pools, to be placed in {@code waves} waves. */
  void plan(int orders, int waves, long seed) {
    List<List<Step>> plans = plan(orders, new Random(seed));
    int perWave = Math.ceilDiv(plans.size(), waves);
    for (int i = 0; i < plans.size(); i += perWave) {
      List<Runnable> wave = new ArrayList<>();
      for (int p = i; p < Math.min(plans.size(), i + perWave); p++) {
        String display = "chaos-" + p;
        List<Step> steps = plans.get(p);
        wave.add(
            () -> {
              try {
                runPool(display, steps);
              } catch (RuntimeException | AssertionError e) {
                errors.add(display + ": " + e);
              }
            });
      }
      this.waves.add(wave);
    }
  }

  /**
   * Starts the next wave's pools, each placing its orders one after another; the waves overlap,
   * since a wave is started without waiting for the one before.
   */
  void startWave() {
    if (!waves.isEmpty()) {
      waves.removeFirst().forEach(pools::submit);
    }
  }

  /** Starts the waves not started yet and waits for every pool to have placed its orders. */
  void finish() {
    while (!waves.isEmpty()) {
      startWave();
    }
    pools.close();
    done = true;
  }

  boolean done() {
    return done;
  }

  /** Orders accepted and not yet seen finished: what a kill now would interrupt. */
  int ordersInFlight() {
    return inFlight.size();
  }

  List<Placed> placed() {
    return List.copyOf(placed);
  }

  /** Placing requests the service refused (4xx), by method, status and error code. */
  Map<String, Integer> refused() {
    Map<String, Integer> out = new java.util.TreeMap<>();
    refused.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  /** Requests that found no instance or a 5xx and were sent again under the same key. */
  int resent() {
    return resent.get();
  }

  /** Anything the workload did not expect (a contract violation, a timeout). */
  List<String> errors() {
    return List.copyOf(errors);
  }

  private static List<List<Step>> plan(int orders, Random random) {
    List<List<Step>> plans = new ArrayList<>();
    int total = 0;
    while (total < orders) {
      List<Step> steps = new ArrayList<>(List.of(Step.APPLY));
      int modifies = random.nextInt(3);
      for (int m = 0; m < modifies; m++) {
        steps.add(Step.MODIFY);
      }
      if (random.nextDouble() < 0.75) {
        steps.add(Step.DELETE);
      }
      List<Step> kept = steps.subList(0, Math.min(steps.size(), orders - total));
      plans.add(List.copyOf(kept));
      total += kept.size();
    }
    return plans;
  }

  private void runPool(String display, List<Step> steps) {
    String poolName = Pools.poolName(display, project);
    String pools = "/v2/" + project + "/pools";
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String previous = "";
    for (Step step : steps) {
      HttpResult answer =
          switch (step) {
            case APPLY -> place("POST", pools, Pools.body(display, FLAVOR, 1 + random.nextInt(3)));
            case MODIFY -> modify(pools + "/" + poolName, random);
            case DELETE -> place("DELETE", pools + "/" + poolName, null);
          };
      if (answer.status() != 200) {
        refused
            .computeIfAbsent(
                step + " " + answer.status() + " " + answer.errorCode(), k -> new AtomicInteger())
            .incrementAndGet();
        continue;
      }
      String orderName =
          answer.body().path("metadata").path("labels").path("os.modelarts/order.name").asText();
      if (orderName.isEmpty() || orderName.equals(previous)) {
        errors.add(display + ": " + step + " placed no order: " + answer.rawBody());
        continue;
      }
      previous = orderName;
      placed.add(new Placed(orderName, step.name().toLowerCase(), poolName));
      inFlight.add(orderName);
      try {
        awaitFinished(display, orderName);
      } finally {
        inFlight.remove(orderName);
      }
    }
  }

  /**
   * Scales by one node either way, or deletes one named node (batch-delete). The target differs
   * both from the count the pool asks for and from the nodes it has: after a failed order the two
   * differ, and asking for either may rightly place no order.
   */
  private HttpResult modify(String pool, ThreadLocalRandom random) {
    List<String> nodes = new ArrayList<>();
    request("GET", pool + "/nodes", null, null)
        .body()
        .path("items")
        .forEach(node -> nodes.add(node.path("metadata").path("name").asText()));
    if (nodes.size() >= 2 && random.nextDouble() < 0.4) {
      String victim = nodes.get(random.nextInt(nodes.size()));
      return place(
          "POST", pool + "/nodes/batch-delete", Map.of("deleteNodeNames", List.of(victim)));
    }
    int wanted =
        request("GET", pool, null, null)
            .body()
            .path("spec")
            .path("resources")
            .path(0)
            .path("count")
            .asInt(1);
    List<Integer> targets = new ArrayList<>();
    for (int base : List.of(wanted, nodes.size())) {
      for (int target : List.of(base - 1, base + 1)) {
        if (target >= 1 && target <= MAX_NODES && target != wanted && target != nodes.size()) {
          targets.add(target);
        }
      }
    }
    int target = targets.get(random.nextInt(targets.size()));
    Map<String, Object> resource = Map.of("flavor", FLAVOR, "count", target, "maxCount", target);
    return place("PATCH", pool, Map.of("spec", Map.of("resources", List.of(resource))));
  }

  private HttpResult place(String method, String path, Object body) {
    return request(method, path, body, UUID.randomUUID().toString());
  }

  /**
   * Sends the request to a live instance until one answers below 500; a placing request carries
   * {@code key} on every attempt, so the service places its order once however often it is sent.
   */
  private HttpResult request(String method, String path, Object body, String key) {
    Instant deadline = Instant.now().plus(ANSWER_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      int instance = ThreadLocalRandom.current().nextInt(instances.size());
      if (instances.isUp(instance)) {
        ApiClient client = new ApiClient(instances.baseUrl(instance), token);
        try {
          HttpResult answer =
              (key == null ? client : client.withHeader("X-Client-Token", key))
                  .send(method, path, body);
          if (answer.status() < 500) {
            return answer;
          }
        } catch (UncheckedIOException e) {
          // The instance died under the request: ask another, under the same key.
        }
        resent.incrementAndGet();
      }
      pause(Duration.ofMillis(200));
    }
    throw new IllegalStateException(method + " " + path + " was not answered in " + ANSWER_TIMEOUT);
  }

  private void awaitFinished(String display, String orderName) {
    Instant deadline = Instant.now().plus(ORDER_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      JsonNode orders =
          request("GET", "/v1/" + project + "/orders?involvedName=" + display, null, null).body();
      for (JsonNode order : orders.path("items")) {
        if (order.path("orderName").asText().equals(orderName)) {
          String phase = order.path("phase").asText();
          if (phase.equals("successed") || phase.equals("failed")) {
            return;
          }
        }
      }
      pause(Duration.ofMillis(250));
    }
    errors.add(orderName + " did not finish in " + ORDER_TIMEOUT);
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
