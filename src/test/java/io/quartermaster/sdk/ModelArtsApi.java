package io.quartermaster.sdk;

import com.huaweicloud.sdk.core.HcClient;
import com.huaweicloud.sdk.core.HttpListener;
import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.http.FieldExistence;
import com.huaweicloud.sdk.core.http.HttpConfig;
import com.huaweicloud.sdk.core.http.HttpMethod;
import com.huaweicloud.sdk.core.http.HttpRequestDef;
import com.huaweicloud.sdk.core.http.LocationType;
import io.quartermaster.sdk.OrderModels.ListOrdersRequest;
import io.quartermaster.sdk.OrderModels.ListOrdersResponse;
import io.quartermaster.sdk.OrderModels.ShowOrderRequest;
import io.quartermaster.sdk.OrderModels.ShowOrderResponse;
import io.quartermaster.sdk.PoolModels.CreatePoolRequest;
import io.quartermaster.sdk.PoolModels.ListPoolsRequest;
import io.quartermaster.sdk.PoolModels.ListPoolsResponse;
import io.quartermaster.sdk.PoolModels.PatchPoolRequest;
import io.quartermaster.sdk.PoolModels.Pool;
import io.quartermaster.sdk.PoolModels.PoolNameRequest;
import io.quartermaster.sdk.PoolModels.PoolResponse;
import io.quartermaster.testing.OpenApiContract;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The ModelArts calls that Quartermaster serves, defined with the official SDK core's {@code
 * HttpRequestDef} builder as the SDK's generated ModelArts module defines them: the SDK then does
 * the transport, the AK/SK signing, the JSON mapping and the error mapping. {@code {project_id}} is
 * filled in by the SDK from the credentials.
 */
final class ModelArtsApi {

  private ModelArtsApi() {}

  /** A client of the service at {@code endpoint} that signs with the given access key. */
  static HcClient client(String endpoint, String projectId, String ak, String sk) {
    // Every answer the SDK receives is checked against the OpenAPI document, as ApiClient's are.
    HttpConfig config =
        HttpConfig.getDefaultHttpConfig()
            .addHttpListener(HttpListener.forResponseListener(OpenApiContract::check));
    return new HcClient(config)
        .withCredential(new BasicCredentials().withAk(ak).withSk(sk).withProjectId(projectId))
        .withEndpoints(new ArrayList<>(List.of(endpoint)));
  }

  static final HttpRequestDef<ListOrdersRequest, ListOrdersResponse> LIST_ORDERS = listOrders();
  static final HttpRequestDef<ShowOrderRequest, ShowOrderResponse> SHOW_ORDER = showOrder();
  static final HttpRequestDef<CreatePoolRequest, PoolResponse> CREATE_POOL = createPool();
  static final HttpRequestDef<ListPoolsRequest, ListPoolsResponse> LIST_POOLS = listPools();
  static final HttpRequestDef<PoolNameRequest, PoolResponse> SHOW_POOL =
      byPoolName(HttpMethod.GET, "ShowPool");
  static final HttpRequestDef<PatchPoolRequest, PoolResponse> PATCH_POOL = patchPool();
  static final HttpRequestDef<PoolNameRequest, PoolResponse> DELETE_POOL =
      byPoolName(HttpMethod.DELETE, "DeletePool");

  private static HttpRequestDef<ListOrdersRequest, ListOrdersResponse> listOrders() {
    var builder =
        HttpRequestDef.builder(HttpMethod.GET, ListOrdersRequest.class, ListOrdersResponse.class)
            .withName("ListOrders")
            .withUri("/v1/{project_id}/orders")
            .withContentType("application/json");
    query(builder, "workspaceId", String.class, r -> r.workspaceId, (r, v) -> r.workspaceId = v);
    query(builder, "involvedName", String.class, r -> r.involvedName, (r, v) -> r.involvedName = v);
    query(builder, "limit", Integer.class, r -> r.limit, (r, v) -> r.limit = v);
    query(builder, "offset", Integer.class, r -> r.offset, (r, v) -> r.offset = v);
    query(builder, "since", Long.class, r -> r.since, (r, v) -> r.since = v);
    query(builder, "until", Long.class, r -> r.until, (r, v) -> r.until = v);
    query(builder, "phase", String.class, r -> r.phase, (r, v) -> r.phase = v);
    query(builder, "result", String.class, r -> r.result, (r, v) -> r.result = v);
    query(builder, "resource", String.class, r -> r.resource, (r, v) -> r.resource = v);
    builder.withResponseField(
        "X-Request-Id",
        LocationType.Header,
        FieldExistence.NULL_IGNORE,
        String.class,
        f -> f.withMarshaller(r -> r.requestId, (r, v) -> r.requestId = v));
    return builder.build();
  }

  private static HttpRequestDef<ShowOrderRequest, ShowOrderResponse> showOrder() {
    var builder =
        HttpRequestDef.builder(HttpMethod.GET, ShowOrderRequest.class, ShowOrderResponse.class)
            .withName("ShowOrder")
            .withUri("/v1/{project_id}/orders/{order_name}")
            .withContentType("application/json");
    builder.withRequestField(
        "order_name",
        LocationType.Path,
        FieldExistence.NON_NULL_NON_EMPTY,
        String.class,
        f -> f.withMarshaller(r -> r.orderName, (r, v) -> r.orderName = v));
    builder.withResponseField(
        "X-Request-Id",
        LocationType.Header,
        FieldExistence.NULL_IGNORE,
        String.class,
        f -> f.withMarshaller(r -> r.requestId, (r, v) -> r.requestId = v));
    return builder.build();
  }

  private static HttpRequestDef<CreatePoolRequest, PoolResponse> createPool() {
    var builder =
        HttpRequestDef.builder(HttpMethod.POST, CreatePoolRequest.class, PoolResponse.class)
            .withName("CreatePool")
            .withUri("/v2/{project_id}/pools")
            .withContentType("application/json");
    builder.withRequestField(
        "body",
        LocationType.Body,
        FieldExistence.NON_NULL_NON_EMPTY,
        Pool.class,
        f -> f.withMarshaller(r -> r.body, (r, v) -> r.body = v));
    poolResponseHeaders(builder);
    return builder.build();
  }

  private static HttpRequestDef<ListPoolsRequest, ListPoolsResponse> listPools() {
    var builder =
        HttpRequestDef.builder(HttpMethod.GET, ListPoolsRequest.class, ListPoolsResponse.class)
            .withName("ListPools")
            .withUri("/v2/{project_id}/pools")
            .withContentType("application/json");
    query(builder, "workspaceId", String.class, r -> r.workspaceId, (r, v) -> r.workspaceId = v);
    query(
        builder,
        "labelSelector",
        String.class,
        r -> r.labelSelector,
        (r, v) -> r.labelSelector = v);
    query(builder, "status", String.class, r -> r.status, (r, v) -> r.status = v);
    return builder.build();
  }

  private static HttpRequestDef<PoolNameRequest, PoolResponse> byPoolName(
      HttpMethod method, String name) {
    var builder =
        HttpRequestDef.builder(method, PoolNameRequest.class, PoolResponse.class)
            .withName(name)
            .withUri("/v2/{project_id}/pools/{pool_name}")
            .withContentType("application/json");
    builder.withRequestField(
        "pool_name",
        LocationType.Path,
        FieldExistence.NON_NULL_NON_EMPTY,
        String.class,
        f -> f.withMarshaller(r -> r.poolName, (r, v) -> r.poolName = v));
    poolResponseHeaders(builder);
    return builder.build();
  }

  private static HttpRequestDef<PatchPoolRequest, PoolResponse> patchPool() {
    var builder =
        HttpRequestDef.builder(HttpMethod.PATCH, PatchPoolRequest.class, PoolResponse.class)
            .withName("PatchPool")
            .withUri("/v2/{project_id}/pools/{pool_name}")
            .withContentType("application/merge-patch+json");
    builder.withRequestField(
        "pool_name",
        LocationType.Path,
        FieldExistence.NON_NULL_NON_EMPTY,
        String.class,
        f -> f.withMarshaller(r -> r.poolName, (r, v) -> r.poolName = v));
    builder.withRequestField(
        "body",
        LocationType.Body,
        FieldExistence.NON_NULL_NON_EMPTY,
        Pool.class,
        f -> f.withMarshaller(r -> r.body, (r, v) -> r.body = v));
    poolResponseHeaders(builder);
    return builder.build();
  }

  private static <R> void poolResponseHeaders(HttpRequestDef.Builder<R, PoolResponse> builder) {
    builder.withResponseField(
        "X-Request-Id",
        LocationType.Header,
        FieldExistence.NULL_IGNORE,
        String.class,
        f -> f.withMarshaller(r -> r.requestId, (r, v) -> r.requestId = v));
  }

  private static <R, S, T> void query(
      HttpRequestDef.Builder<R, S> builder,
      String name,
      Class<T> type,
      Function<R, T> getter,
      BiConsumer<R, T> setter) {
    builder.withRequestField(
        name,
        LocationType.Query,
        FieldExistence.NULL_IGNORE,
        type,
        f -> f.withMarshaller(getter, setter));
  }
}
