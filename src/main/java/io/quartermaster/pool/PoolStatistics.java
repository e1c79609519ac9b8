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
  private final PoolDao pools = new PoolDao();
  private final Clock clock;

  public PoolStatistics(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  Response count(String projectId, String workspaceId) {
    Map<PoolPhase, Integer> byPhase =
        jdbi.withHandle(h -> pools.countByPhase(h, projectId, workspaceId));
    // Every phase counts in exactly one group. Unlike ListPools' status filter, which takes
    // Waiting as creating, the statistics count it apart as pending.
    StatusCounts status =
        new StatusCounts(
            sum(byPhase, PoolPhase.CREATING),
            sum(byPhase, PoolPhase.RUNNING, PoolPhase.SCALING_FAILED, PoolPhase.ABNORMAL),
            sum(byPhase, PoolPhase.CREATION_FAILED, PoolPhase.ERROR),
            sum(byPhase, PoolPhase.WAITING),
            sum(byPhase, PoolPhase.DELETING));
    return new Response(new Statistics(status), goTime(clock.instant()));
  }

  private static int sum(Map<PoolPhase, Integer> byPhase, PoolPhase... phases) {
    int sum = 0;
    for (PoolPhase phase : phases) {
      sum += byPhase.getOrDefault(phase, 0);
    }
    return sum;
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
