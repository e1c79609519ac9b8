package io.quartermaster.bench;

import java.io.PrintStream;
import java.util.Map;

/**
 * What a chaos campaign found. The counts after {@code lost} are promises of the service (an
 * accepted order is never lost and never processed twice, whatever is killed when), so each must be
 * zero; {@link #clean} says whether they all are.
 *
 * @param overlappingDeliveries deliveries of a key while another delivery of it was being carried
 *     out: two instances working on one item at once
 * @param resourcesUnderTwoKeys pool or node changes the provider carried out under more than one
 *     idempotency key: an item planned again instead of resumed
 * @param itemsSettledTwice items with more than one settling event in the order log
 * @param providerDisagreements items whose status the provider's record contradicts (a node the
 *     provider made for an item that failed, or an item that succeeded without the provider)
 * @param nodeCountMismatches pools whose nodes (in the database) are not the items' creations less
 *     their deletions, or not what the provider holds for them
 * @param unnamedOrders orders in the database that no answer of the service named
 * @param findings what the audit found wrong, one line each, to start an investigation from
 */
public record ChaosReport(
    int rounds,
    int kills,
    int killsWithOrdersInFlight,
    int placed,
    Map<String, Integer> placedByOperation,
    int successed,
    int failed,
    Map<String, Integer> failReasons,
    Map<String, Integer> refused,
    int lost,
    int itemsSettledTwice,
    int resourcesUnderTwoKeys,
    int overlappingDeliveries,
    int providerDisagreements,
    int nodeCountMismatches,
    int ordersStuck,
    int unnamedOrders,
    long deliveries,
    long redeliveredKeys,
    int transientFailures,
    int resentRequests,
    java.util.List<String> workloadErrors,
    java.util.List<String> findings) {

  public int itemsRunTwice() {
    return itemsSettledTwice + resourcesUnderTwoKeys + overlappingDeliveries;
  }

  public boolean clean() {
    return lost == 0
        && itemsRunTwice() == 0
        && providerDisagreements == 0
        && nodeCountMismatches == 0
        && ordersStuck == 0
        && unnamedOrders == 0
        && workloadErrors.isEmpty();
  }

  public void print(PrintStream out) {
    out.printf(
        "kills: %d of %d rounds, %d of them with orders in flight%n",
        kills, rounds, killsWithOrdersInFlight);
    out.printf("orders placed:    %d %s%n", placed, placedByOperation);
    out.printf("  successed:      %d%n", successed);
    out.printf("  failed:         %d%n", failed);
    failReasons.forEach((reason, n) -> out.printf("    %4d  %s%n", n, reason));
    out.printf("  lost:           %d%n", lost);
    out.printf(
        "  items run twice: %d (settled twice %d, one change under two keys %d,"
            + " overlapping deliveries %d)%n",
        itemsRunTwice(), itemsSettledTwice, resourcesUnderTwoKeys, overlappingDeliveries);
    out.printf("  items the provider's record contradicts: %d%n", providerDisagreements);
    out.printf("  nodes whose count disagrees with the items: %d (pools)%n", nodeCountMismatches);
    out.printf("  orders stuck:   %d%n", ordersStuck);
    out.printf("  orders no answer named: %d%n", unnamedOrders);
    out.printf("placing requests refused: %s%n", refused);
    out.printf(
        "provider: %d deliveries, %d keys delivered again, %d transient failures injected;"
            + " requests sent again after a kill or 5xx: %d%n",
        deliveries, redeliveredKeys, transientFailures, resentRequests);
    workloadErrors.forEach(e -> out.println("workload error: " + e));
    findings.stream().limit(30).forEach(f -> out.println("finding: " + f));
    out.println(clean() ? "result: every promise kept" : "result: PROMISES BROKEN");
  }
}
