package io.quartermaster.app;

import io.quartermaster.app.RolesOnEveryEndpointTest.Project;
import io.quartermaster.testing.AccessKey;
import io.quartermaster.testing.Eventually;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.util.List;
import java.util.Optional;

/**
 * What the fuzzer aims at: two projects of its own with a running pool and its finished apply order
 * each, the callers of the first (viewer, member, admin, an access key of the member) and a member
 * of the second, plus project ids that exist nowhere. Only these projects are watched for changes,
 * so requests go to no other real project.
 */
final class FuzzWorld {

  /** Project ids of the right form that no project has: addressed, never created. */
  static final List<String> GHOST_PROJECTS =
      List.of("0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210");

  private final TestServer server;
  private final Tenant tenant;
  private final Tenant otherTenant;
  private final AccessKey memberKey;
  private Project own;
  private Project other;

  private FuzzWorld(TestServer server) {
    this.server = server;
    this.tenant = server.newTenant("fuzz");
    this.otherTenant = server.newTenant("fuzz-other");
    this.own = projectWithPool(tenant).orElseThrow();
    this.other = projectWithPool(otherTenant).orElseThrow();
    this.memberKey = AccessKey.forUser(tenant.memberName());
  }

  static FuzzWorld create(TestServer server) {
    return new FuzzWorld(server);
  }

  TestServer server() {
    return server;
  }

  Tenant tenant() {
    return tenant;
  }

  Tenant otherTenant() {
    return otherTenant;
  }

  AccessKey memberKey() {
    return memberKey;
  }

  Project own() {
    return own;
  }

  Project other() {
    return other;
  }

  /** Every project id a generated request can name, and so every one whose state is watched. */
  List<String> watchedProjects() {
    return List.of(own.id(), other.id(), GHOST_PROJECTS.get(0), GHOST_PROJECTS.get(1));
  }

  /**
   * Gives a project whose pool a generated request deleted a new running pool, so that the later
   * requests still find one to aim at.
   */
  void replaceDeletedPools() {
    if (isGone(tenant, own)) {
      own = projectWithPool(tenant).orElse(own);
    }
    if (isGone(otherTenant, other)) {
      other = projectWithPool(otherTenant).orElse(other);
    }
  }

  private static boolean isGone(Tenant owner, Project project) {
    HttpResult pool = owner.viewer().get("/v2/" + project.id() + "/pools/" + project.pool());
    return pool.status() == 404
        || List.of("Deleting", "Error", "CreationFailed")
            .contains(pool.body().at("/status/phase").asText());
  }

  /**
   * A new running pool of two nodes in {@code owner}'s project; none when the project has no room
   * left (generated requests may have used up its node quota).
   */
  private static Optional<Project> projectWithPool(Tenant owner) {
    String display = Pools.uniqueName();
    String pools = "/v2/" + owner.projectId() + "/pools";
    HttpResult created = owner.member().post(pools, Pools.body(display, Pools.CPU, 2));
    if (created.status() != 200) {
      return Optional.empty();
    }
    String pool = Pools.poolName(display, owner.projectId());
    Eventually.until(
        () -> owner.viewer().get(pools + "/" + pool).body().at("/status/phase").asText(),
        "Running"::equals);
    return Optional.of(
        new Project(
            owner.projectId(),
            pool,
            created.body().at("/metadata/labels/os.modelarts~1order.name").asText()));
  }
}
