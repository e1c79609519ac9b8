package io.quartermaster.pool;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * How many of a workspace's live pools stand in each state, as the vendor's statistics API counts
 * them.
 */
public final class PoolStatistics {

  private static final DateTimeFormatter GO_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  /** The response: {@code {"statistics":{"status":{...}},"operationTime":"..."}}. */
  public record Response(Statistics statistics, String operationTime) {}

  public record Statistics(StatusCounts status) {}

  public record StatusCounts(int creating, int created, int failed, int pending, int deleting) {}

  private final Jdbi jdbi;
  private final PoolDao pools;
  private final Clock clock;

  public PoolStatistics(Jdbi jdbi, PoolDao pools, Clock clock) {
    this.jdbi = jdbi;
    this.pools = pools;
    this.clock = clock;
  }

  Response count(String projectId, String workspaceId) {
    Map<String, Integer> byPhase =
        jdbi.withHandle(h -> pools.countByPhase(h, projectId, workspaceId));
    int[] counts = new int[5];
    byPhase.forEach((phase, n) -> counts[group(PoolPhase.valueOf(phase))] += n);
    return new Response(
        new Statistics(new StatusCounts(counts[0], counts[1], counts[2], counts[3], counts[4])),
        goTime(clock.instant()));
  }

  /** The index in {@link StatusCounts}' order: creating, created, failed, pending, deleting. */
  private static int group(PoolPhase phase) {
    return switch (phase) {
      case Creating -> 0;
      case Running, ScalingFailed, Abnormal -> 1;
      case CreationFailed, Error -> 2;
      case Waiting -> 3;
      case Deleting -> 4;
    };
  }

  /**
   * An instant as Go's {@code time.Time.String()} writes it in UTC, which is what the vendor sends:
   * {@code 2025-03-27 11:48:55.446172146 +0000 UTC}, the fraction without trailing zeros and left
   * out when zero.
   */
  static String goTime(Instant instant) {
    StringBuilder out = new StringBuilder(GO_TIME.format(instant));
    int nanos = instant.getNano();
    if (nanos != 0) {
      String fraction = String.format("%09d", nanos).replaceAll("0+$", "");
      out.append('.').append(fraction);
    }
    return out.append(" +0000 UTC").toString();
  }
}
