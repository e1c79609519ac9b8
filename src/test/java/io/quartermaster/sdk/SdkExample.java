package io.quartermaster.sdk;

import com.huaweicloud.sdk.core.HcClient;
import com.huaweicloud.sdk.core.SdkResponse;
import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.exception.ServiceResponseException;
import com.huaweicloud.sdk.core.http.FieldExistence;
import com.huaweicloud.sdk.core.http.HttpConfig;
import com.huaweicloud.sdk.core.http.HttpMethod;
import com.huaweicloud.sdk.core.http.HttpRequestDef;
import com.huaweicloud.sdk.core.http.LocationType;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists the orders of one pool from Quartermaster with the official Huawei Cloud SDK core
 * (com.huaweicloud.sdk:huaweicloud-sdk-core), signing with an access key (AK/SK).
 *
 * <p>Run with QM_ENDPOINT (e.g. http://localhost:8080), QM_PROJECT_ID, QM_AK, QM_SK and QM_POOL (a
 * pool's display name) in the environment.
 */
public final class SdkExample {

  /** ListOrders' query parameters; the SDK fills {project_id} from the credentials. */
  public static class ListOrdersRequest {
    public String involvedName;
    public Integer limit;
  }

  /** ListOrders' answer: how many orders match, and the first page of them. */
  public static class ListOrdersResponse extends SdkResponse {
    public Integer count;
    public List<Order> items;
  }

  /** The fields of an order this example reads; the SDK ignores the others. */
  public static class Order {
    public String orderName;
    public String operation;
    public String phase;
    public Long creationTimestamp;
    public CreatedBy createdBy;
  }

  public static class CreatedBy {
    public String userId;
    public String userName;
  }

  static final HttpRequestDef<ListOrdersRequest, ListOrdersResponse> LIST_ORDERS =
      HttpRequestDef.builder(HttpMethod.GET, ListOrdersRequest.class, ListOrdersResponse.class)
          .withName("ListOrders")
          .withUri("/v1/{project_id}/orders")
          .withContentType("application/json")
          .withRequestField(
              "involvedName",
              LocationType.Query,
              FieldExistence.NULL_IGNORE,
              String.class,
              f -> f.withMarshaller(r -> r.involvedName, (r, v) -> r.involvedName = v))
          .withRequestField(
              "limit",
              LocationType.Query,
              FieldExistence.NULL_IGNORE,
              Integer.class,
              f -> f.withMarshaller(r -> r.limit, (r, v) -> r.limit = v))
          .build();

  /** The newest orders of the pool named {@code poolName}, at most ten. */
  public static ListOrdersResponse listOrders(
      String endpoint, String projectId, String ak, String sk, String poolName) {
    HcClient client =
        new HcClient(HttpConfig.getDefaultHttpConfig())
            .withCredential(new BasicCredentials().withAk(ak).withSk(sk).withProjectId(projectId))
            .withEndpoints(new ArrayList<>(List.of(endpoint)));
    ListOrdersRequest request = new ListOrdersRequest();
    request.involvedName = poolName;
    request.limit = 10;
    return client.syncInvokeHttp(request, LIST_ORDERS);
  }

  public static void main(String[] args) {
    try {
      ListOrdersResponse orders =
          listOrders(
              System.getenv("QM_ENDPOINT"),
              System.getenv("QM_PROJECT_ID"),
              System.getenv("QM_AK"),
              System.getenv("QM_SK"),
              System.getenv("QM_POOL"));
      System.out.println(orders.count + " orders");
      for (Order order : orders.items) {
        System.out.printf(
            "%s %s %s by %s%n",
            order.orderName, order.operation, order.phase, order.createdBy.userName);
      }
    } catch (ServiceResponseException e) {
      // Errors carry the contract's error_code and error_msg, and the request id to report.
      System.err.printf(
          "%d %s %s (request %s)%n",
          e.getHttpStatusCode(), e.getErrorCode(), e.getErrorMsg(), e.getRequestId());
    }
  }
}
