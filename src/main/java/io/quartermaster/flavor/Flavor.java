package io.quartermaster.flavor;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One resource flavor of the catalog: what a node of it is, and in which availability zones it can
 * be provisioned with how many nodes at most.
 *
 * @param capacityPerAz nodes the simulated provider can hold per AZ, in the catalog's AZ order
 */
public record Flavor(
    String name,
    String type,
    String cpuArch,
    String cpu,
    String memory,
    Optional<Accelerator> gpu,
    List<String> scope,
    Map<String, Integer> capacityPerAz) {

  public Flavor {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a flavor needs a name");
    }
    if (capacityPerAz == null || capacityPerAz.isEmpty()) {
      throw new IllegalArgumentException("flavor " + name + " needs at least one AZ");
    }
    scope = List.copyOf(scope);
    // Map.copyOf would lose the AZ order that round-robin placement relies on.
    capacityPerAz =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(capacityPerAz));
  }

  /** The AZs of this flavor, in catalog order. */
  public List<String> azs() {
    return List.copyOf(capacityPerAz.keySet());
  }

  public boolean hasAz(String az) {
    return capacityPerAz.containsKey(az);
  }

  /** A GPU or NPU of a flavor, as the vendor's ResourceFlavorXpu. */
  public record Accelerator(String type, String size, String memory) {}
}
