package io.quartermaster.sdk;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.huaweicloud.sdk.core.SdkResponse;
import java.util.List;

/**
 * Request and response models of ListOrders and ShowOrder, shaped like the contract (CONTRACT §2),
 * written the way the SDK's generated models are: Jackson-mapped, absent fields left null.
 */
final class OrderModels {

  private OrderModels() {}

  /** The query parameters of ListOrders; the project id comes from the credentials. */
  static final class ListOrdersRequest {
    String workspaceId;
    String involvedName;
    Integer limit;
    Integer offset;
    Long since;
    Long until;
    String phase;
    String result;
    String resource;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static final class ListOrdersResponse extends SdkResponse {
    public Integer count;
    public List<Order> items;

    @JsonProperty("X-Request-Id")
    public String requestId;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static final class Order {
    public Long creationTimestamp;
    public Long beginTimestamp;
    public Long endTimestamp;
    public String orderName;
    public String orderId;
    public String resourceName;
    public String resourceDisplayName;
    public String workspaceId;
    public List<FlavorCount> initCount;
    public List<FlavorCount> specCount;
    public List<FlavorCount> resultCount;
    public String billingMode;
    public String periodType;
    public String periodNum;
    public String operation;
    public String phase;
    public String failReason;
    public CreatedBy createdBy;
  }

  /** PoolResourceFlavorCount. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static final class FlavorCount {
    public String flavor;
    public Integer count;
    public Integer maxCount;
    public List<AzCount> azs;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static final class AzCount {
    public String az;
    public Integer count;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static final class CreatedBy {
    public String userId;
    public String userName;
  }

  static final class ShowOrderRequest {
    String orderName;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static final class ShowOrderResponse extends SdkResponse {
    public Integer count;
    public List<OrderDetailItem> items;

    @JsonProperty("X-Request-Id")
    public String requestId;
  }

  /** The item keys come in camelCase and in the seed page's lower case (CONTRACT §2.2). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static final class OrderDetailItem {
    public String resourceName;

    @JsonProperty("resourcename")
    public String resourceNameLowerCase;

    public String action;
    public String status;
    public String beginTimestamp;

    @JsonProperty("begintimestamp")
    public String beginTimestampLowerCase;

    public String updateTimestamp;

    @JsonProperty("updatetimestamp")
    public String updateTimestampLowerCase;

    public String message;
  }
}
