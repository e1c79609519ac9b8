package io.quartermaster.pool;

import java.util.Set;

/** A pool's {@code status.phase} (CONTRACT §3); {@link #wire()} is the vendor's spelling. */
public enum PoolPhase {
  WAITING("Waiting"),
  CREATING("Creating"),
  RUNNING("Running"),
  ABNORMAL("Abnormal"),
  DELETING("Deleting"),
  ERROR("Error"),
  CREATION_FAILED("CreationFailed"),
  SCALING_FAILED("ScalingFailed");

  private final String wire;

  PoolPhase(String wire) {
    this.wire = wire;
  }

  /** The value written in responses and stored in {@code pools.phase}. */
  public String wire() {
    return wire;
  }

  public static PoolPhase fromWire(String value) {
    for (PoolPhase phase : values()) {
      if (phase.wire.equals(value)) {
        return phase;
      }
    }
    throw new IllegalArgumentException("unknown pool phase " + value);
  }

  /** The phases each value of ListPools' {@code status} filter selects. */
  static Set<PoolPhase> forStatusFilter(String status) {
    return switch (status) {
      case "created" -> Set.of(RUNNING, SCALING_FAILED, ABNORMAL);
      case "creating" -> Set.of(WAITING, CREATING);
      case "failed" -> Set.of(CREATION_FAILED, ERROR);
      default -> throw new IllegalArgumentException("unknown status filter " + status);
    };
  }
}
