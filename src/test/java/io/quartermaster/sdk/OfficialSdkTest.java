package io.quartermaster.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huaweicloud.sdk.core.HcClient;
import com.huaweicloud.sdk.core.exception.ServiceResponseException;
import io.quartermaster.sdk.OrderModels.FlavorCount;
import io.quartermaster.sdk.OrderModels.ListOrdersRequest;
import io.quartermaster.sdk.OrderModels.ListOrdersResponse;
import io.quartermaster.sdk.OrderModels.Order;
import io.quartermaster.sdk.OrderModels.OrderDetailItem;
import io.quartermaster.sdk.OrderModels.ShowOrderRequest;
import io.quartermaster.sdk.OrderModels.ShowOrderResponse;
import io.quartermaster.sdk.PoolModels.CreatePoolRequest;
import io.quartermaster.sdk.PoolModels.ListPoolsRequest;
import io.quartermaster.sdk.PoolModels.ListPoolsResponse;
import io.quartermaster.sdk.PoolModels.PatchPoolRequest;
import io.quartermaster.sdk.PoolModels.PoolNameRequest;
import io.quartermaster.sdk.PoolModels.PoolResponse;
import io.quartermaster.testing.AccessKey;
import io.quartermaster.testing.Eventually;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official Huawei Cloud SDK core, unchanged, as a client: it signs with AK/SK, sends, and maps
 * answers and errors into models shaped like the contract (issue item 3).
 */
class OfficialSdkTest {

  private static final String REQUEST_ID = "[A-Za-z0-9._-]{1,64}";

  private final TestServer server = TestServer.get();
  private Tenant tenant;
  private AccessKey memberKey;
  private HcClient member;

  @BeforeEach
  void memberWithKey() {
    tenant = server.newTenant();
    memberKey = AccessKey.forUser(tenant.memberName());
    member = clientOf(memberKey, tenant.projectId());
  }

  private HcClient clientOf(AccessKey key, String projectId) {
    return ModelArtsApi.client(server.baseUrl(), projectId, key.access(), key.secret());
  }

  private PoolResponse createPool(String display, int count) {
    CreatePoolRequest create = new CreatePoolRequest();
    create.body = SdkPools.pool(display, Pools.CPU, count);
    return member.syncInvokeHttp(create, ModelArtsApi.CREATE_POOL);
  }

  private PoolResponse showPool(String name) {
    PoolNameRequest show = new PoolNameRequest();
    show.poolName = name;
    return member.syncInvokeHttp(show, ModelArtsApi.SHOW_POOL);
  }

  private PoolResponse awaitPhase(String name, String phase) {
    return Eventually.until(() -> showPool(name), pool -> phase.equals(pool.status.phase));
  }

  private ListOrdersResponse listOrders(String involvedName) {
    ListOrdersRequest list = new ListOrdersRequest();
    list.involvedName = involvedName;
    return member.syncInvokeHttp(list, ModelArtsApi.LIST_ORDERS);
  }

  @Test
  void aPoolIsCreatedListedShownScaledAndDeletedThroughTheSdk() {
    String display = Pools.uniqueName();
    String name = Pools.poolName(display, tenant.projectId());

    PoolResponse created = createPool(display, 1);
    assertEquals(200, created.getHttpStatusCode());
    assertTrue(created.requestId.matches(REQUEST_ID), created.requestId);
    assertEquals("v2", created.apiVersion);
    assertEquals("Pool", created.kind);
    assertEquals(name, created.metadata.name);
    assertTrue(
        created.metadata.creationTimestamp.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
    assertEquals(display, created.metadata.labels.get("os.modelarts/name"));
    assertEquals(tenant.projectId(), created.metadata.labels.get("os.modelarts/tenant.project.id"));
    assertTrue(
        created.metadata.annotations.get("os.modelarts/order.id").matches("CS\\d{10}[A-Z0-9]{5}"));
    assertEquals("Dedicate", created.spec.type);
    assertEquals(List.of("Train"), created.spec.scope);
    assertEquals(Pools.CPU, created.spec.resources.get(0).flavor);
    assertEquals(1, created.spec.resources.get(0).maxCount);
    assertEquals("network-test", created.spec.network.name);
    assertNotNull(created.status.resources.available);
    assertNotNull(created.status.resources.abnormal);

    ListPoolsRequest byLabel = new ListPoolsRequest();
    byLabel.workspaceId = "0";
    byLabel.labelSelector = "os.modelarts/name=" + display;
    ListPoolsResponse listed = member.syncInvokeHttp(byLabel, ModelArtsApi.LIST_POOLS);
    assertEquals("PoolList", listed.kind);
    assertEquals(List.of(name), listed.items.stream().map(p -> p.metadata.name).toList());

    PoolResponse running = awaitPhase(name, "Running");
    FlavorCount available = running.status.resources.available.get(0);
    assertEquals(Pools.CPU, available.flavor);
    assertEquals(1, available.count);
    assertEquals(1, available.azs.stream().mapToInt(az -> az.count).sum());

    Order apply = listOrders(display).items.get(0);
    assertApplyOrder(apply, display, name);
    assertItems(apply.orderName, List.of("createPool:succeed", "createNode:succeed"));

    PatchPoolRequest patch = new PatchPoolRequest();
    patch.poolName = name;
    patch.body = SdkPools.resize(Pools.CPU, 2);
    PoolResponse patched = member.syncInvokeHttp(patch, ModelArtsApi.PATCH_POOL);
    assertEquals(2, patched.spec.resources.get(0).count);
    Eventually.until(
        () -> listOrders(display), r -> r.count == 2 && "successed".equals(r.items.get(0).phase));
    Order modify = listOrders(display).items.get(0);
    assertEquals("modify", modify.operation);
    assertEquals(1, modify.initCount.get(0).count);
    assertEquals(2, modify.specCount.get(0).count);

    PoolNameRequest delete = new PoolNameRequest();
    delete.poolName = name;
    PoolResponse deleting = member.syncInvokeHttp(delete, ModelArtsApi.DELETE_POOL);
    assertEquals("Deleting", deleting.status.phase);
    assertNotNull(deleting.metadata.deletionTimestamp);
  }

  private void assertApplyOrder(Order order, String display, String name) {
    assertTrue(order.creationTimestamp > 0);
    assertTrue(order.beginTimestamp >= order.creationTimestamp);
    assertTrue(order.endTimestamp >= order.beginTimestamp);
    assertTrue(order.orderName.matches("order\\." + display + "-[a-z0-9]{5}"), order.orderName);
    assertTrue(order.orderId.matches("CS\\d{10}[A-Z0-9]{5}"), order.orderId);
    assertEquals(name, order.resourceName);
    assertEquals(display, order.resourceDisplayName);
    assertEquals("0", order.workspaceId);
    assertNull(order.initCount, "apply orders have no initCount");
    assertEquals(Pools.CPU, order.specCount.get(0).flavor);
    assertEquals(1, order.specCount.get(0).count);
    assertEquals(1, order.resultCount.get(0).count);
    assertEquals("0", order.billingMode);
    assertNull(order.periodType);
    assertNull(order.periodNum);
    assertEquals("apply", order.operation);
    assertEquals("successed", order.phase);
    assertNull(order.failReason);
    assertEquals(memberKey.userId(), order.createdBy.userId);
    assertEquals(tenant.memberName(), order.createdBy.userName);
  }

  private void assertItems(String orderName, List<String> expected) {
    ShowOrderRequest show = new ShowOrderRequest();
    show.orderName = orderName;
    ShowOrderResponse shown = member.syncInvokeHttp(show, ModelArtsApi.SHOW_ORDER);
    assertEquals(expected.size(), shown.count);
    assertTrue(shown.requestId.matches(REQUEST_ID), shown.requestId);
    for (OrderDetailItem item : shown.items) {
      assertEquals(item.resourceName, item.resourceNameLowerCase);
      assertEquals(item.beginTimestamp, item.beginTimestampLowerCase);
      assertEquals(item.updateTimestamp, item.updateTimestampLowerCase);
      assertTrue(Long.parseLong(item.updateTimestamp) >= Long.parseLong(item.beginTimestamp));
    }
    assertEquals(expected, shown.items.stream().map(i -> i.action + ":" + i.status).toList());
  }

  @Test
  void queryValuesWithSpacesAndReservedCharactersAreSignedAndReadAsSent() {
    ListOrdersRequest list = new ListOrdersRequest();
    list.workspaceId = "work space+plus*star~tilde/slash&amp=eq?é";
    list.limit = 5;
    list.offset = 0;
    list.result = "successed";
    ListOrdersResponse none = member.syncInvokeHttp(list, ModelArtsApi.LIST_ORDERS);
    assertEquals(0, none.count);

    String odd = "no such pool+*~/&=?é";
    ServiceResponseException missing =
        assertThrows(ServiceResponseException.class, () -> listOrders(odd));
    assertError(404, "ModelArts.50015001", "Pool " + odd + " not found.", missing);
  }

  @Test
  void pathValuesThatNeedEncodingAreSignedAndReadAsSent() {
    ShowOrderRequest show = new ShowOrderRequest();
    show.orderName = "order name+plus*star~tilde";
    ServiceResponseException missing =
        assertThrows(
            ServiceResponseException.class,
            () -> member.syncInvokeHttp(show, ModelArtsApi.SHOW_ORDER));
    assertError(404, "ModelArts.50015001", "Order order name+plus*star~tilde not found.", missing);
  }

  @Test
  void errorsSurfaceAsServiceResponseExceptionsWithTheContractsCodeMessageAndRequestId() {
    assertError(
        404,
        "ModelArts.50015001",
        "Pool pool-none not found. A pool's name is {display name}-{project id}: a pool"
            + " displayed as pool-none is named pool-none-"
            + tenant.projectId()
            + ".",
        assertThrows(ServiceResponseException.class, () -> showPool("pool-none")));

    ListOrdersRequest tooMany = new ListOrdersRequest();
    tooMany.limit = 501;
    assertError(
        400,
        "ModelArts.50004000",
        "Bad request: limit must be an integer between 0 and 500 (0, empty or absent means the default, 100)",
        assertThrows(
            ServiceResponseException.class,
            () -> member.syncInvokeHttp(tooMany, ModelArtsApi.LIST_ORDERS)));

    HcClient viewer = clientOf(AccessKey.forUser(tenant.viewerName()), tenant.projectId());
    CreatePoolRequest create = new CreatePoolRequest();
    create.body = SdkPools.pool(Pools.uniqueName(), Pools.CPU, 1);
    assertError(
        403,
        "ModelArts.0108",
        "You are not authorized to perform the (modelarts:pool:create) operation.",
        assertThrows(
            ServiceResponseException.class,
            () -> viewer.syncInvokeHttp(create, ModelArtsApi.CREATE_POOL)));

    Tenant other = server.newTenant();
    HcClient stranger = clientOf(AccessKey.forUser(other.memberName()), tenant.projectId());
    assertError(
        403,
        "ModelArts.0210",
        "The project id in the request URL does not match the token.",
        assertThrows(
            ServiceResponseException.class,
            () -> stranger.syncInvokeHttp(new ListOrdersRequest(), ModelArtsApi.LIST_ORDERS)));

    HcClient wrongSecret =
        ModelArtsApi.client(
            server.baseUrl(), tenant.projectId(), memberKey.access(), memberKey.secret() + "x");
    assertError(
        401,
        "ModelArts.50001000",
        "signature mismatch",
        assertThrows(
            ServiceResponseException.class,
            () -> wrongSecret.syncInvokeHttp(new ListOrdersRequest(), ModelArtsApi.LIST_ORDERS)));
  }

  @Test
  void theCallersRequestIdComesBackInAnswersAndErrors() {
    HcClient traced = member.withExtraHeaders(Map.of("X-Request-Id", "trace-42"));
    assertEquals(
        "trace-42",
        traced.syncInvokeHttp(new ListOrdersRequest(), ModelArtsApi.LIST_ORDERS).requestId);
    PoolNameRequest show = new PoolNameRequest();
    show.poolName = "pool-none";
    ServiceResponseException e =
        assertThrows(
            ServiceResponseException.class,
            () -> traced.syncInvokeHttp(show, ModelArtsApi.SHOW_POOL));
    assertEquals("trace-42", e.getRequestId());
  }

  private static void assertError(
      int status, String code, String message, ServiceResponseException e) {
    Supplier<String> detail = e::toString;
    assertEquals(status, e.getHttpStatusCode(), detail);
    assertEquals(code, e.getErrorCode(), detail);
    assertEquals(message, e.getErrorMsg(), detail);
    assertTrue(e.getRequestId() != null && e.getRequestId().matches(REQUEST_ID), detail);
  }
}
