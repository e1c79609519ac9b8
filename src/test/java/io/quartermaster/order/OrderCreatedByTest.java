package io.quartermaster.order;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.testing.AccessKey;
import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every order names who placed it, by token or by access key (CONTRACT §5). */
class OrderCreatedByTest {

  private final TestServer server = TestServer.get();
  private final Tenant tenant = server.newTenant();

  private JsonNode orderOf(String display) {
    HttpResult result =
        tenant.viewer().get("/v1/" + tenant.projectId() + "/orders?involvedName=" + display);
    assertEquals(200, result.status(), result::toString);
    assertEquals(1, result.body().get("count").asInt(), result::toString);
    return result.body().at("/items/0");
  }

  private String place(ApiClient caller) {
    String display = Pools.uniqueName();
    HttpResult created =
        caller.post("/v2/" + tenant.projectId() + "/pools", Pools.body(display, Pools.CPU, 1));
    assertEquals(200, created.status(), created::toString);
    return display;
  }

  @Test
  void anOrderPlacedWithATokenNamesTheTokensUser() {
    String display = place(tenant.member());
    String memberId = AccessKey.userId(server.adminClient(), tenant.memberName());
    assertEquals(
        Map.of("userId", memberId, "userName", tenant.memberName()), createdBy(orderOf(display)));
  }

  @Test
  void anOrderPlacedWithAnAccessKeyNamesTheKeysUser() {
    AccessKey memberKey = AccessKey.forUser(tenant.memberName());
    String byMember = place(memberKey.client());
    assertEquals(
        Map.of("userId", memberKey.userId(), "userName", tenant.memberName()),
        createdBy(orderOf(byMember)));

    AccessKey adminKey = AccessKey.forUser("admin");
    String byAdmin = place(adminKey.client());
    assertEquals(
        Map.of("userId", adminKey.userId(), "userName", "admin"), createdBy(orderOf(byAdmin)));
  }

  private static Map<String, String> createdBy(JsonNode order) {
    JsonNode createdBy = order.get("createdBy");
    assertEquals(2, createdBy.size(), order::toString);
    return Map.of(
        "userId", createdBy.get("userId").asText(), "userName", createdBy.get("userName").asText());
  }
}
