package io.quartermaster.sdk;

import io.quartermaster.sdk.OrderModels.FlavorCount;
import io.quartermaster.sdk.PoolModels.Metadata;
import io.quartermaster.sdk.PoolModels.Network;
import io.quartermaster.sdk.PoolModels.Pool;
import io.quartermaster.sdk.PoolModels.Spec;
import java.util.List;
import java.util.Map;

/** Pool bodies built from the SDK models, as an SDK user would build them. */
final class SdkPools {

  private SdkPools() {}

  static Pool pool(String displayName, String flavor, int count) {
    Pool pool = new Pool();
    pool.apiVersion = "v2";
    pool.kind = "Pool";
    pool.metadata = new Metadata();
    pool.metadata.labels =
        Map.of("os.modelarts/name", displayName, "os.modelarts/workspace.id", "0");
    pool.metadata.annotations = Map.of("os.modelarts/description", "made by the SDK");
    pool.spec = new Spec();
    pool.spec.type = "Dedicate";
    pool.spec.scope = List.of("Train");
    pool.spec.resources = List.of(count(flavor, count));
    pool.spec.network = new Network();
    pool.spec.network.name = "network-test";
    return pool;
  }

  /** A merge patch that changes the node count of {@code flavor}. */
  static Pool resize(String flavor, int count) {
    Pool patch = new Pool();
    patch.spec = new Spec();
    patch.spec.resources = List.of(count(flavor, count));
    return patch;
  }

  private static FlavorCount count(String flavor, int count) {
    FlavorCount resource = new FlavorCount();
    resource.flavor = flavor;
    resource.count = count;
    return resource;
  }
}
