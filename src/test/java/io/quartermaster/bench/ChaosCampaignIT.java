package io.quartermaster.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The chaos campaign of {@code bench/chaos.sh}, short: two instances on one external PostgreSQL, 30
 * orders, 10% provider failures, {@code kill -9} in three rounds. Every promise is checked from the
 * database and the provider's record: nothing lost, nothing run twice, no node miscounted, nothing
 * stuck.
 */
class ChaosCampaignIT {

  @Test
  void ordersKeepTheirPromisesWhileInstancesAreKilled() throws Exception {
    ChaosReport report =
        ChaosCampaign.run(
            new ChaosCampaign.Options(
                2,
                30,
                0.10,
                Duration.ofMillis(250),
                System.nanoTime(),
                Optional.ofNullable(System.getenv("QM_ENGINE_ITEM_PARALLELISM"))));
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    report.print(new PrintStream(printed, true, StandardCharsets.UTF_8));
    String summary = printed.toString(StandardCharsets.UTF_8);
    System.out.print(summary);

    assertEquals(2, report.kills(), "instances were killed while orders ran\n" + summary);
    assertTrue(report.killsWithOrdersInFlight() >= 1, summary);
    assertEquals(30, report.placed() + report.refused().values().stream().mapToInt(n -> n).sum());
    assertEquals(report.placed(), report.successed() + report.failed(), summary);
    assertEquals(0, report.lost(), summary);
    assertEquals(0, report.itemsRunTwice(), summary);
    assertEquals(0, report.providerDisagreements(), summary);
    assertEquals(0, report.nodeCountMismatches(), summary);
    assertEquals(0, report.ordersStuck(), summary);
    assertEquals(0, report.unnamedOrders(), summary);
    assertEquals(java.util.List.of(), report.workloadErrors(), summary);
  }
}
