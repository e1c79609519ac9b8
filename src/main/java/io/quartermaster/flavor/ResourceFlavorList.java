package io.quartermaster.flavor;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The vendor's ResourceFlavorList, as {@code GET /v1/{project_id}/resourceflavors} answers. */
record ResourceFlavorList(
    String apiVersion, String kind, Map<String, Object> metadata, List<Item> items) {

  static ResourceFlavorList of(List<Flavor> flavors) {
    return new ResourceFlavorList(
        "v1", "ResourceFlavorList", Map.of(), flavors.stream().map(Item::of).toList());
  }

  record Item(String apiVersion, String kind, Metadata metadata, Spec spec, Status status) {

    static Item of(Flavor flavor) {
      Map<String, String> phase = new LinkedHashMap<>();
      flavor.azs().forEach(az -> phase.put(az, "normal"));
      return new Item(
          "v1",
          "ResourceFlavor",
          new Metadata(
              flavor.name(), Map.of("os.modelarts/scope", String.join(",", flavor.scope()))),
          new Spec(
              flavor.type(),
              flavor.cpuArch(),
              flavor.cpu(),
              flavor.memory(),
              flavor.gpu(),
              List.of(0, 1),
              flavor.scope()),
          new Status(phase));
    }
  }

  record Metadata(String name, Map<String, String> labels) {}

  record Spec(
      String type,
      String cpuArch,
      String cpu,
      String memory,
      Optional<Flavor.Accelerator> gpu,
      List<Integer> billingModes,
      @JsonProperty("jobFlavors") List<String> jobFlavors) {}

  record Status(Map<String, String> phase) {}
}
