package io.quartermaster.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.testing.Eventually;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PoolCreationTest {

  private final Tenant tenant = TestServer.get().newTenant();

  @Test
  void creatingAPoolAnswersThePoolAndPlacesAnApplyOrder() {
    String display = Pools.uniqueName();
    HttpResult created = tenant.member().post(poolsPath(), Pools.body(display, Pools.CPU, 3));

    assertEquals(200, created.status(), created.rawBody());
    JsonNode pool = created.body();
    assertEquals("v2", pool.get("apiVersion").asText());
    assertEquals("Pool", pool.get("kind").asText());
    JsonNode metadata = pool.get("metadata");
    assertEquals(display + "-" + tenant.projectId(), metadata.get("name").asText());
    assertTrue(
        metadata
            .get("creationTimestamp")
            .asText()
            .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
    JsonNode labels = metadata.get("labels");
    assertEquals(display, labels.get("os.modelarts/name").asText());
    assertEquals("0", labels.get("os.modelarts/workspace.id").asText());
    assertEquals(tenant.projectId(), labels.get("os.modelarts/tenant.project.id").asText());
    assertTrue(
        labels
            .get("os.modelarts/order.name")
            .asText()
            .matches("order\\." + display + "-[a-z0-9]{5}"));
    JsonNode annotations = metadata.get("annotations");
    assertTrue(annotations.get("os.modelarts/order.id").asText().matches("CS\\d{10}[A-Z0-9]{5}"));
    assertEquals("0", annotations.get("os.modelarts/billing.mode").asText());
    JsonNode resource = pool.get("spec").get("resources").get(0);
    assertEquals(3, resource.get("maxCount").asInt(), "maxCount defaults to count");
    assertEquals("network-test", pool.get("spec").get("network").get("name").asText());
    assertEquals("Creating", pool.get("status").get("phase").asText());
  }

  @Test
  void thePoolRunsOnceItsOrderSucceedsWithNodesSpreadOverTheFlavorsAzs() {
    String display = Pools.uniqueName();
    tenant.member().post(poolsPath(), Pools.body(display, Pools.CPU, 4));

    JsonNode pool = awaitPhase(display, "Running");

    JsonNode available = pool.get("status").get("resources").get("available");
    assertEquals(1, available.size());
    assertEquals(Pools.CPU, available.get(0).get("flavor").asText());
    assertEquals(4, available.get(0).get("count").asInt());
    assertEquals(Map.of("az-1a", 2, "az-1b", 1, "az-1c", 1), azCounts(available.get(0).get("azs")));
    assertEquals(0, pool.get("status").get("resources").get("creating").size());
    assertEquals(List.of("succeed"), distinctItemStatuses(display));
  }

  @Test
  void requestedAzCountsDecideWhereNodesGo() {
    String display = Pools.uniqueName();
    Map<String, Object> resource = Pools.resource(Pools.CPU, 3);
    resource.put("azs", List.of(Map.of("az", "az-1b", "count", 3)));
    tenant.member().post(poolsPath(), Pools.body(display, List.of(resource)));

    JsonNode pool = awaitPhase(display, "Running");

    JsonNode available = pool.get("status").get("resources").get("available").get(0);
    assertEquals(Map.of("az-1b", 3), azCounts(available.get("azs")));
  }

  @Test
  void exhaustedCapacityFailsTheOrderAndThePoolWithTheReason() {
    String display = Pools.uniqueName();
    tenant
        .member()
        .post(
            poolsPath(),
            Pools.body(display, TestServer.scarceFlavor(), TestServer.SCARCE_CAPACITY + 1));

    JsonNode pool = awaitPhase(display, "CreationFailed");

    String message = pool.get("status").get("message").asText();
    assertTrue(message.contains("Insufficient capacity"), message);
    String failReason =
        TestServer.get()
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "select fail_reason from orders where project_id = :p and resource_display_name = :d")
                        .bind("p", tenant.projectId())
                        .bind("d", display)
                        .mapTo(String.class)
                        .one());
    assertTrue(failReason.contains("Insufficient capacity"), failReason);
    JsonNode available = pool.get("status").get("resources").get("available");
    assertEquals(TestServer.SCARCE_CAPACITY, available.get(0).get("count").asInt());
  }

  @Test
  void twoLivePoolsCannotShareADisplayName() {
    String display = Pools.uniqueName();
    assertEquals(
        200, tenant.member().post(poolsPath(), Pools.body(display, Pools.CPU, 1)).status());

    HttpResult again = tenant.member().post(poolsPath(), Pools.body(display, Pools.CPU, 1));

    assertEquals(409, again.status());
    assertEquals("ModelArts.50015000", again.errorCode());
    assertEquals("Pool already exists.", again.body().get("error_msg").asText());
    assertEquals(1, orderCount(display));
  }

  @Test
  void theProjectsNodeQuotaBoundsWhatItsPoolsMayAskFor() {
    HttpResult tooMany =
        tenant.member().post(poolsPath(), Pools.body(Pools.uniqueName(), Pools.CPU, 101));
    assertEquals(400, tooMany.status());
    assertEquals("ModelArts.3561", tooMany.errorCode());
    assertEquals(
        "Insufficient node quota. The project's quota is 100 nodes; its other pools use 0 and"
            + " this asks for 101.",
        tooMany.body().get("error_msg").asText());

    assertEquals(
        200,
        tenant
            .member()
            .post(poolsPath(), Pools.body(Pools.uniqueName(), "modelarts.vm.cpu.2u.d", 90))
            .status());
    String last = Pools.uniqueName();
    HttpResult over = tenant.member().post(poolsPath(), Pools.body(last, Pools.CPU, 11));
    assertEquals(400, over.status());
    assertEquals("ModelArts.3561", over.errorCode());
    assertEquals(
        "Insufficient node quota. The project's quota is 100 nodes; its other pools use 90 and"
            + " this asks for 11.",
        over.body().get("error_msg").asText());
    assertEquals(
        404,
        tenant.member().get(poolsPath() + "/" + Pools.poolName(last, tenant.projectId())).status());
    assertEquals(200, tenant.member().post(poolsPath(), Pools.body(last, Pools.CPU, 10)).status());
  }

  @Test
  void yearlyMonthlyPoolsWithoutAutoPayWaitForPayment() {
    String display = Pools.uniqueName();
    HttpResult created =
        tenant.member().post(poolsPath(), Pools.yearly(Pools.body(display, Pools.CPU, 1)));

    assertEquals(200, created.status(), created.rawBody());
    assertEquals("Waiting", created.body().get("status").get("phase").asText());
    assertTrue(created.body().get("status").get("message").asText().contains("payment"));
    assertFalse(distinctItemStatuses(display).contains("processing"));
  }

  private String poolsPath() {
    return "/v2/" + tenant.projectId() + "/pools";
  }

  private JsonNode awaitPhase(String display, String phase) {
    String path = poolsPath() + "/" + Pools.poolName(display, tenant.projectId());
    return Eventually.until(
            () -> tenant.viewer().get(path),
            r -> r.status() == 200 && phase.equals(r.body().get("status").get("phase").asText()))
        .body();
  }

  private static Map<String, Integer> azCounts(JsonNode azs) {
    java.util.Map<String, Integer> counts = new java.util.HashMap<>();
    azs.forEach(az -> counts.put(az.get("az").asText(), az.get("count").asInt()));
    return counts;
  }

  private List<String> distinctItemStatuses(String display) {
    return TestServer.get()
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        """
                    select distinct i.status from order_items i join orders o on o.id = i.order_id
                    where o.project_id = :p and o.resource_display_name = :d order by 1
                    """)
                    .bind("p", tenant.projectId())
                    .bind("d", display)
                    .mapTo(String.class)
                    .list());
  }

  private int orderCount(String display) {
    return TestServer.get()
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "select count(*) from orders where project_id = :p and resource_display_name = :d")
                    .bind("p", tenant.projectId())
                    .bind("d", display)
                    .mapTo(Integer.class)
                    .one());
  }
}
