package io.quartermaster.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huaweicloud.sdk.core.exception.ServiceResponseException;
import io.quartermaster.testing.AccessKey;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The example of {@code docs/sdk.md} compiles, runs against the service, and is shown verbatim. */
class SdkExampleTest {

  private static final Path EXAMPLE = Path.of("src/test/java/io/quartermaster/sdk/SdkExample.java");
  private static final Path GUIDE = Path.of("docs/sdk.md");
  private static final Path README = Path.of("README.md");

  private final TestServer server = TestServer.get();

  @Test
  void theExampleListsAPoolsOrdersWithAnAccessKey() {
    Tenant tenant = server.newTenant();
    AccessKey key = AccessKey.forUser(tenant.memberName());
    String display = Pools.uniqueName();
    HttpResult created =
        tenant
            .member()
            .post("/v2/" + tenant.projectId() + "/pools", Pools.body(display, Pools.CPU, 1));
    assertEquals(200, created.status(), created::toString);

    SdkExample.ListOrdersResponse orders =
        SdkExample.listOrders(
            server.baseUrl(), tenant.projectId(), key.access(), key.secret(), display);

    assertEquals(1, orders.count);
    SdkExample.Order order = orders.items.get(0);
    assertTrue(order.orderName.startsWith("order." + display + "-"), order.orderName);
    assertEquals("apply", order.operation);
    assertEquals(tenant.memberName(), order.createdBy.userName);
    assertTrue(order.creationTimestamp > 0);

    ServiceResponseException missing =
        assertThrows(
            ServiceResponseException.class,
            () ->
                SdkExample.listOrders(
                    server.baseUrl(), tenant.projectId(), key.access(), key.secret(), "pool-none"));
    assertEquals("ModelArts.50015001", missing.getErrorCode());
  }

  @Test
  void theGuideAndTheReadmeShowTheExampleVerbatim() throws Exception {
    String example = Files.readString(EXAMPLE);
    for (Path doc : java.util.List.of(GUIDE, README)) {
      assertTrue(
          Files.readString(doc).contains("```java\n" + example + "```\n"),
          doc + " must include " + EXAMPLE + " verbatim in a java code block");
    }
  }
}
