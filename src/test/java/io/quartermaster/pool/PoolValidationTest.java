package io.quartermaster.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad pool body is a 400 that names the field, and leaves no pool and no order behind. */
class PoolValidationTest {

  private final Tenant tenant = TestServer.get().newTenant();

  static Stream<Arguments> badBodies() {
    return Stream.of(
        bad("apiVersion", b -> b.remove("apiVersion")),
        bad("apiVersion", b -> b.put("apiVersion", "v1")),
        bad("kind", b -> b.put("kind", "Job")),
        bad("metadata", b -> b.remove("metadata")),
        bad("os.modelarts/name", b -> labels(b).remove("os.modelarts/name")),
        bad("os.modelarts/name", b -> labels(b).put("os.modelarts/name", "abc")),
        bad("os.modelarts/name", b -> labels(b).put("os.modelarts/name", "a".repeat(26))),
        bad("os.modelarts/name", b -> labels(b).put("os.modelarts/name", "Pool-Upper")),
        bad(
            "os.modelarts/workspace.id",
            b -> labels(b).put("os.modelarts/workspace.id", "w".repeat(65))),
        bad("metadata.labels", b -> labels(b).put("team", 7)),
        bad("billing.mode", b -> annotations(b).put("os.modelarts/billing.mode", "2")),
        bad("period.type", b -> annotations(b).put("os.modelarts/billing.mode", "1")),
        bad("period.type", b -> yearly(b, "4", "1")),
        bad("period.num", b -> yearly(b, "2", "12")),
        bad("period.num", b -> yearly(b, "3", "4")),
        bad("period.num", b -> yearly(b, "2", "0")),
        bad("period.num", b -> yearly(b, "2", "x")),
        bad("period.type", b -> annotations(b).put("os.modelarts/period.type", "2")),
        bad("auto.pay", b -> annotations(b).put("os.modelarts/auto.pay", "maybe")),
        bad("spec.type", b -> spec(b).put("type", "Logical")),
        bad("spec.scope", b -> spec(b).put("scope", List.of("Train", "Mining"))),
        bad("spec.scope", b -> spec(b).put("scope", List.of("Train", "Train"))),
        bad("spec.resources", b -> spec(b).remove("resources")),
        bad("spec.resources", b -> spec(b).put("resources", List.of())),
        bad("flavor", b -> resource(b).put("flavor", "modelarts.vm.none")),
        bad("flavor", b -> resource(b).remove("flavor")),
        bad("count", b -> resource(b).put("count", 0)),
        bad("count", b -> resource(b).put("count", -2)),
        bad("count", b -> resource(b).put("count", 1.5)),
        bad("count", b -> resource(b).put("count", "2")),
        bad("maxCount", b -> resource(b).put("maxCount", 1)),
        bad("azs", b -> resource(b).put("azs", List.of(Map.of("az", "az-1a", "count", 1)))),
        bad("az", b -> resource(b).put("azs", List.of(Map.of("az", "az-9z", "count", 2)))),
        bad(
            "azs",
            b ->
                resource(b)
                    .put(
                        "azs",
                        List.of(
                            Map.of("az", "az-1a", "count", 1), Map.of("az", "az-1a", "count", 1)))),
        bad(
            "count",
            b ->
                resource(b)
                    .put(
                        "azs",
                        List.of(
                            Map.of("az", "az-1a", "count", -1),
                            Map.of("az", "az-1b", "count", 3)))),
        bad(
            "more than once",
            b ->
                spec(b)
                    .put(
                        "resources",
                        List.of(Pools.resource(Pools.CPU, 1), Pools.resource(Pools.CPU, 1)))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badBodies")
  void aBadPoolBodyIsRefusedAndChangesNothing(String field, Consumer<Map<String, Object>> breakIt) {
    Map<String, Object> body = Pools.body(Pools.uniqueName(), Pools.CPU, 2);
    breakIt.accept(body);

    HttpResult result = tenant.member().post(poolsPath(), body);

    assertEquals(400, result.status(), result.rawBody());
    assertEquals("ModelArts.50004000", result.errorCode());
    String message = result.body().get("error_msg").asText();
    assertTrue(message.startsWith("Bad request: "), message);
    assertTrue(message.contains(field), message + " should name " + field);
    assertNothingPlaced();
  }

  @Test
  void aBodyThatIsNotJsonIsRefused() {
    HttpResult result = tenant.member().post(poolsPath(), "{not json");
    assertEquals(400, result.status());
    assertEquals("ModelArts.50004000", result.errorCode());
    assertNothingPlaced();
  }

  @Test
  void aBodyThatIsNotAnObjectIsRefused() {
    HttpResult result = tenant.member().post(poolsPath(), "[1,2]");
    assertEquals(400, result.status());
    assertEquals("ModelArts.50004000", result.errorCode());
    assertNothingPlaced();
  }

  @Test
  void creatingAPoolNeedsAMember() {
    HttpResult viewer =
        tenant.viewer().post(poolsPath(), Pools.body(Pools.uniqueName(), Pools.CPU, 1));
    assertEquals(403, viewer.status());
    assertEquals("ModelArts.0108", viewer.errorCode());

    HttpResult anonymous =
        tenant
            .member()
            .withToken(null)
            .post(poolsPath(), Pools.body(Pools.uniqueName(), Pools.CPU, 1));
    assertEquals(401, anonymous.status());
    assertEquals("ModelArts.50001000", anonymous.errorCode());

    Tenant other = TestServer.get().newTenant();
    HttpResult foreign =
        other.member().post(poolsPath(), Pools.body(Pools.uniqueName(), Pools.CPU, 1));
    assertEquals(403, foreign.status());
    assertEquals("ModelArts.0210", foreign.errorCode());
    assertNothingPlaced();
  }

  private void assertNothingPlaced() {
    assertEquals(0, tenant.viewer().get(poolsPath()).body().get("items").size());
    int orders =
        TestServer.get()
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery("select count(*) from orders where project_id = :p")
                        .bind("p", tenant.projectId())
                        .mapTo(Integer.class)
                        .one());
    assertEquals(0, orders);
  }

  private String poolsPath() {
    return "/v2/" + tenant.projectId() + "/pools";
  }

  private static Arguments bad(String field, Consumer<Map<String, Object>> breakIt) {
    return Arguments.of(field, breakIt);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> parent, String key) {
    return (Map<String, Object>) parent.get(key);
  }

  private static Map<String, Object> labels(Map<String, Object> body) {
    return map(map(body, "metadata"), "labels");
  }

  private static Map<String, Object> annotations(Map<String, Object> body) {
    return map(map(body, "metadata"), "annotations");
  }

  private static Map<String, Object> spec(Map<String, Object> body) {
    return map(body, "spec");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> resource(Map<String, Object> body) {
    return ((List<Map<String, Object>>) spec(body).get("resources")).get(0);
  }

  private static void yearly(Map<String, Object> body, String type, String num) {
    annotations(body).put("os.modelarts/billing.mode", "1");
    annotations(body).put("os.modelarts/period.type", type);
    annotations(body).put("os.modelarts/period.num", num);
  }
}
