package io.quartermaster.sdk;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.huaweicloud.sdk.core.SdkResponse;
import io.quartermaster.sdk.OrderModels.FlavorCount;
import java.util.List;
import java.util.Map;

/** Request and response models of the pool API (CONTRACT §3), in the SDK's generated style. */
final class PoolModels {

  private PoolModels() {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Pool {
    public String apiVersion;
    public String kind;
    public Metadata metadata;
    public Spec spec;
    public Status status;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static final class Metadata {
    public String name;
    public String creationTimestamp;
    public String deletionTimestamp;
    public Map<String, String> labels;
    public Map<String, String> annotations;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static final class Spec {
    public String type;
    public List<String> scope;
    public List<FlavorCount> resources;
    public Network network;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static final class Network {
    public String name;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static final class Status {
    public String phase;
    public String message;
    public Resources resources;
  }

  /** Node counts by state, each an array of PoolResourceFlavorCount. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static final class Resources {
    public List<FlavorCount> creating;
    public List<FlavorCount> available;
    public List<FlavorCount> abnormal;
    public List<FlavorCount> deleting;
  }

  /** What CreatePool, ShowPool, PatchPool and DeletePool answer: one Pool. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static final class PoolResponse extends SdkResponse {
    public String apiVersion;
    public String kind;
    public Metadata metadata;
    public Spec spec;
    public Status status;

    @JsonProperty("X-Request-Id")
    public String requestId;
  }

  static final class CreatePoolRequest {
    Pool body;
  }

  static final class ListPoolsRequest {
    String workspaceId;
    String labelSelector;
    String status;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static final class ListPoolsResponse extends SdkResponse {
    public String apiVersion;
    public String kind;
    public List<Pool> items;
  }

  /** ShowPool and DeletePool name the pool only. */
  static final class PoolNameRequest {
    String poolName;
  }

  static final class PatchPoolRequest {
    String poolName;
    Pool body;
  }
}
