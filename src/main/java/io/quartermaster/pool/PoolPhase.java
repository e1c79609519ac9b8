package io.quartermaster.pool;

import java.util.Set;

/** A pool's {@code status.phase} (CONTRACT §3), with the vendor's spelling. */
public enum PoolPhase {
  Waiting,
  Creating,
  Running,
  Abnormal,
  Deleting,
  Error,
  CreationFailed,
  ScalingFailed;

  /** The phases each value of ListPools' {@code status} filter selects. */
  static Set<PoolPhase> forStatusFilter(String status) {
    return switch (status) {
      case "created" -> Set.of(Running, ScalingFailed, Abnormal);
      case "creating" -> Set.of(Waiting, Creating);
      case "failed" -> Set.of(CreationFailed, Error);
      default -> throw new IllegalArgumentException("unknown status filter " + status);
    };
  }
}
