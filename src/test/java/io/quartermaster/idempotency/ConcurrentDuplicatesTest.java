package io.quartermaster.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.PoolDriver;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Duplicates sent at once, with one key: one of them places the order, all get its answer. */
class ConcurrentDuplicatesTest {

  static final int DUPLICATES = 16;

  private final Tenant tenant = TestServer.get().newTenant();
  private final PoolDriver pools = new PoolDriver(tenant);

  @Test
  void sixteenParallelCreatesWithOneKeyPlaceOneOrder() throws Exception {
    String display = Pools.uniqueName();
    ApiClient client = tenant.member().withHeader("X-Client-Token", UUID.randomUUID().toString());

    List<HttpResult> answers =
        all(i -> client.post(pools.poolsPath(), Pools.body(display, Pools.CPU, 1)));

    assertOneAnswerPlacedAndTheOthersReplayedIt(answers);
    assertEquals(1, pools.orders(display).get("count").asInt());
  }

  @Test
  void sixteenParallelDeletesWithOneKeyPlaceOneDeleteOrder() throws Exception {
    String display = Pools.uniqueName();
    pools.createRunning(display, Pools.CPU, 1);
    ApiClient client = tenant.member().withHeader("Idempotency-Key", UUID.randomUUID().toString());

    List<HttpResult> answers = all(i -> client.delete(pools.poolPath(display)));

    assertOneAnswerPlacedAndTheOthersReplayedIt(answers);
    assertEquals(2, pools.orders(display).get("count").asInt(), "apply and one delete");
  }

  static void assertOneAnswerPlacedAndTheOthersReplayedIt(List<HttpResult> answers) {
    Set<Integer> statuses = answers.stream().map(HttpResult::status).collect(Collectors.toSet());
    assertEquals(Set.of(200), statuses, answers.toString());
    assertEquals(
        1, answers.stream().map(HttpResult::body).distinct().count(), "one answer for all");
    assertEquals(
        DUPLICATES - 1,
        answers.stream().filter(a -> "true".equals(a.header("Idempotent-Replayed"))).count(),
        "all but the first are replays");
  }

  /** Sends {@link #DUPLICATES} requests at once, each on a thread of its own. */
  static List<HttpResult> all(Function<Integer, HttpResult> request) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<HttpResult>> sent = new ArrayList<>();
    try (ExecutorService threads = Executors.newFixedThreadPool(DUPLICATES)) {
      for (int i = 0; i < DUPLICATES; i++) {
        int n = i;
        sent.add(
            threads.submit(
                () -> {
                  start.await();
                  return request.apply(n);
                }));
      }
      start.countDown();
      List<HttpResult> answers = new ArrayList<>();
      for (Future<HttpResult> answer : sent) {
        answers.add(answer.get());
      }
      return answers;
    }
  }
}
