package io.quartermaster.order;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quartermaster.testing.AccessKey;
import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pending orders settled by callers that sign with access keys: the key's user is the one who pays,
 * cancels or rejects, as with a token.
 */
class OrderActionsByAccessKeyTest {

  private final TestServer server = TestServer.get();
  private final Tenant tenant = server.newTenant();
  private final AccessKey memberKey = AccessKey.forUser(tenant.memberName());

  /** Places a pool whose apply order waits (for payment, or for approval when it is large). */
  private String pendingOrder(Map<String, Object> body) {
    HttpResult created = tenant.member().post("/v2/" + tenant.projectId() + "/pools", body);
    assertEquals(200, created.status(), created::toString);
    return created.body().at("/metadata/labels/os.modelarts~1order.name").asText();
  }

  private HttpResult act(ApiClient caller, String orderName, String action, Object body) {
    return caller.post("/v1/" + tenant.projectId() + "/orders/" + orderName + "/" + action, body);
  }

  @Test
  void aMemberPaysAndCancelsWithAnAccessKey() {
    String paid = pendingOrder(Pools.yearly(Pools.body(Pools.uniqueName(), Pools.CPU, 1)));
    HttpResult payment = act(memberKey.client(), paid, "pay", null);
    assertEquals(200, payment.status(), payment::toString);
    assertEquals("processing", payment.body().get("phase").asText());

    String cancelled = pendingOrder(Pools.yearly(Pools.body(Pools.uniqueName(), Pools.CPU, 1)));
    HttpResult cancel = act(memberKey.client(), cancelled, "cancel", null);
    assertEquals(200, cancel.status(), cancel::toString);
    assertEquals("failed", cancel.body().get("phase").asText());
    assertEquals(
        "Cancelled by " + tenant.memberName() + ".", cancel.body().get("failReason").asText());
  }

  @Test
  void theAdminRejectsWithAnAccessKeyAndAMemberKeyMayNot() {
    int large = TestServer.APPROVAL_THRESHOLD + 1;
    String order = pendingOrder(Pools.body(Pools.uniqueName(), Pools.CPU, large));

    HttpResult denied = act(memberKey.client(), order, "reject", Map.of("reason", "too big"));
    assertEquals(403, denied.status(), denied::toString);
    assertEquals("ModelArts.0108", denied.errorCode());

    AccessKey adminKey = AccessKey.forUser("admin");
    HttpResult rejected = act(adminKey.client(), order, "reject", Map.of("reason", "too big"));
    assertEquals(200, rejected.status(), rejected::toString);
    assertEquals("Rejected by admin: too big", rejected.body().get("failReason").asText());
  }
}
