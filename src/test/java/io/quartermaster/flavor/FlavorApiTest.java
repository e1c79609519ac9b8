package io.quartermaster.flavor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FlavorApiTest {

  private final Tenant tenant = TestServer.get().newTenant();

  @Test
  void listsTheCatalogAsAResourceFlavorList() {
    HttpResult result = tenant.viewer().get("/v1/" + tenant.projectId() + "/resourceflavors");

    assertEquals(200, result.status(), result.rawBody());
    JsonNode list = result.body();
    assertEquals("ResourceFlavorList", list.get("kind").asText());
    assertEquals("v1", list.get("apiVersion").asText());
    Set<String> names = new HashSet<>();
    list.get("items").forEach(item -> names.add(item.get("metadata").get("name").asText()));
    assertTrue(
        names.containsAll(
            Set.of("modelarts.vm.cpu.2u.d", "modelarts.vm.cpu.8ud", "modelarts.vm.gpu.t4u8")));
    JsonNode gpu = null;
    for (JsonNode item : list.get("items")) {
      if (item.get("metadata").get("name").asText().equals("modelarts.vm.gpu.t4u8")) {
        gpu = item;
      }
    }
    assertEquals("ResourceFlavor", gpu.get("kind").asText());
    assertEquals("nvidia-t4", gpu.get("spec").get("gpu").get("type").asText());
    assertEquals("normal", gpu.get("status").get("phase").get("az-1a").asText());
  }

  @Test
  void theShippedCatalogOffersAtLeastFiftyNodesOfEachFlavorPerAz() {
    for (Flavor flavor : FlavorCatalog.load(Optional.empty()).all()) {
      flavor
          .capacityPerAz()
          .values()
          .forEach(capacity -> assertTrue(capacity >= 50, flavor.name()));
    }
  }

  @Test
  void theCatalogNeedsAToken() {
    HttpResult result =
        TestServer.get().client().get("/v1/" + tenant.projectId() + "/resourceflavors");
    assertEquals(401, result.status());
    assertEquals("ModelArts.50001000", result.errorCode());
  }
}
