package io.quartermaster.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.testing.Eventually;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PoolListTest {

  private final Tenant tenant = TestServer.get().newTenant();
  private String running;
  private String failed;
  private String otherWorkspace;

  @BeforeEach
  void placePools() {
    running = Pools.uniqueName();
    create(Pools.body(running, Pools.CPU, 1));
    failed = Pools.uniqueName();
    create(Pools.body(failed, TestServer.scarceFlavor(), TestServer.SCARCE_CAPACITY + 1));
    otherWorkspace = Pools.uniqueName();
    Map<String, Object> body = Pools.body(otherWorkspace, Pools.CPU, 1);
    labels(body).put("os.modelarts/workspace.id", "ws-2");
    labels(body).put("team", "vision");
    create(body);
    Eventually.until(this::phases, p -> p.equals(List.of("CreationFailed", "Running")));
  }

  @Test
  void listsThePoolsOfTheDefaultWorkspaceUnlessAnotherIsNamed() {
    assertEquals(List.of(running, failed), names(list("")));
    assertEquals(List.of(otherWorkspace), names(list("?workspaceId=ws-2")));
  }

  @Test
  void filtersByStatus() {
    assertEquals(List.of(running), names(list("?status=created")));
    assertEquals(List.of(failed), names(list("?status=failed")));
    assertEquals(List.of(), names(list("?status=creating")));
  }

  @Test
  void filtersByLabelSelector() {
    assertEquals(
        List.of(otherWorkspace), names(list("?workspaceId=ws-2&labelSelector=team%3Dvision")));
    assertEquals(List.of(), names(list("?workspaceId=ws-2&labelSelector=team!%3Dvision")));
    assertEquals(List.of(running), names(list("?labelSelector=os.modelarts/name%3D" + running)));
  }

  @Test
  void anUnknownStatusOrMalformedSelectorIsRefused() {
    HttpResult status = tenant.viewer().get(path() + "?status=gone");
    assertEquals(400, status.status());
    assertEquals("ModelArts.50004000", status.errorCode());
    HttpResult selector = tenant.viewer().get(path() + "?labelSelector=justakey");
    assertEquals(400, selector.status());
    assertEquals("ModelArts.50004000", selector.errorCode());
  }

  @Test
  void showingAnUnknownPoolIs404() {
    HttpResult result = tenant.viewer().get(path() + "/nothing-" + tenant.projectId());
    assertEquals(404, result.status());
    assertEquals("ModelArts.50015001", result.errorCode());
    assertEquals(
        "Pool nothing-" + tenant.projectId() + " not found.",
        result.body().get("error_msg").asText());
  }

  @Test
  void anotherProjectsPoolsAreNotVisible() {
    Tenant other = TestServer.get().newTenant();
    assertEquals(
        0, other.viewer().get("/v2/" + other.projectId() + "/pools").body().get("items").size());
    HttpResult foreign =
        other.viewer().get(path() + "/" + Pools.poolName(running, tenant.projectId()));
    assertEquals(403, foreign.status());
    assertEquals("ModelArts.0210", foreign.errorCode());
  }

  private List<String> phases() {
    List<String> phases = new ArrayList<>();
    list("").get("items").forEach(p -> phases.add(p.get("status").get("phase").asText()));
    phases.sort(null);
    return phases;
  }

  private JsonNode list(String query) {
    HttpResult result = tenant.viewer().get(path() + query);
    assertEquals(200, result.status(), result.rawBody());
    assertEquals("PoolList", result.body().get("kind").asText());
    return result.body();
  }

  private static List<String> names(JsonNode list) {
    List<String> names = new ArrayList<>();
    list.get("items")
        .forEach(p -> names.add(p.get("metadata").get("labels").get("os.modelarts/name").asText()));
    return names;
  }

  private void create(Map<String, Object> body) {
    HttpResult result = tenant.member().post(path(), body);
    assertEquals(200, result.status(), result.rawBody());
  }

  private String path() {
    return "/v2/" + tenant.projectId() + "/pools";
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> labels(Map<String, Object> body) {
    return (Map<String, Object>) ((Map<String, Object>) body.get("metadata")).get("labels");
  }
}
