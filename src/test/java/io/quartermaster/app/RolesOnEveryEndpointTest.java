package io.quartermaster.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.testing.AccessKey;
import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.Eventually;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code /v1} and {@code /v2} endpoint × role (viewer, member, admin, no credentials) × the
 * caller's own project or another one × token or AK/SK caller. Allowed calls are shaped to succeed
 * or to fail only after the gate (a missing pool: 404), so that the table shows exactly where the
 * gate stands: 401 without credentials, 403 {@code ModelArts.0210} in a project that is not the
 * caller's, 403 {@code ModelArts.0108} for a role too low, and the endpoint's own answer otherwise.
 */
class RolesOnEveryEndpointTest {

  private static final TestServer SERVER = TestServer.get();

  enum Role {
    VIEWER,
    MEMBER,
    ADMIN,
    NONE
  }

  enum Auth {
    TOKEN,
    AKSK
  }

  /** A project with a running pool and the pool's apply order. */
  record Project(String id, String pool, String order) {}

  /**
   * One endpoint: its path with {@code {p}}, {@code {pool}} and {@code {order}} placeholders, the
   * lowest role that may call it, and the status an allowed caller gets.
   */
  record Endpoint(
      String method, String path, Supplier<Object> body, Role required, int allowedStatus) {

    String pathIn(Project project) {
      return path.replace("{p}", project.id())
          .replace("{pool}", project.pool())
          .replace("{order}", project.order())
          .replace("{missing}", MISSING_POOL);
    }

    /** The route it exercises, such as {@code GET /v2/{}/pools/{}}. */
    String route() {
      return method + " " + path.replaceAll("\\?.*", "").replaceAll("\\{[^}]+}", "{}");
    }
  }

  private static Tenant tenant;
  private static Project own;
  private static Project other;
  private static Map<Role, AccessKey> keys;
  private static AccessKey othersKey;

  @BeforeAll
  static void twoProjectsWithAPoolEach() {
    tenant = SERVER.newTenant();
    own = projectWithPool(tenant);
    other = projectWithPool(SERVER.newTenant());
    keys =
        Map.of(
            Role.VIEWER, AccessKey.forUser(tenant.viewerName()),
            Role.MEMBER, AccessKey.forUser(tenant.memberName()),
            Role.ADMIN, AccessKey.forUser("admin"));
    othersKey = AccessKey.forUser(SERVER.newTenant().memberName());
  }

  private static Project projectWithPool(Tenant owner) {
    String display = Pools.uniqueName();
    String pools = "/v2/" + owner.projectId() + "/pools";
    HttpResult created = owner.member().post(pools, Pools.body(display, Pools.CPU, 1));
    assertEquals(200, created.status(), created::toString);
    String pool = Pools.poolName(display, owner.projectId());
    Eventually.until(
        () -> owner.viewer().get(pools + "/" + pool).body().at("/status/phase").asText(),
        "Running"::equals);
    return new Project(
        owner.projectId(),
        pool,
        created.body().at("/metadata/labels/os.modelarts~1order.name").asText());
  }

  private static final String MISSING_POOL = Pools.poolName("pool-none", "0");

  static List<Endpoint> endpoints() {
    return List.of(
        new Endpoint("GET", "/v1/{p}/resourceflavors", () -> null, Role.VIEWER, 200),
        new Endpoint("GET", "/v1/{p}/orders", () -> null, Role.VIEWER, 200),
        new Endpoint("GET", "/v1/{p}/orders/{order}", () -> null, Role.VIEWER, 200),
        new Endpoint("GET", "/v1/{p}/orders/export", () -> null, Role.VIEWER, 200),
        // The order has finished: its stream replays it and ends.
        new Endpoint("GET", "/v1/{p}/orders/{order}/events", () -> null, Role.VIEWER, 200),
        // The project's stream never ends by itself: a bad position makes it fail after the gate.
        new Endpoint("GET", "/v1/{p}/events?after=x", () -> null, Role.VIEWER, 400),
        // The order is a finished pay-per-use one: allowed callers hear why it cannot be paid,
        // cancelled, approved or rejected, and nothing changes.
        new Endpoint("POST", "/v1/{p}/orders/{order}/pay", () -> null, Role.MEMBER, 400),
        new Endpoint("POST", "/v1/{p}/orders/{order}/cancel", () -> null, Role.MEMBER, 409),
        new Endpoint("POST", "/v1/{p}/orders/{order}/approve", () -> null, Role.ADMIN, 409),
        new Endpoint(
            "POST",
            "/v1/{p}/orders/{order}/reject",
            () -> Map.of("reason", "role table"),
            Role.ADMIN,
            409),
        // Notification subscriptions: an allowed creation makes one (nothing listens there, and
        // nothing is sent before the project's next event); the others name a missing one.
        new Endpoint(
            "POST",
            "/v1/{p}/subscriptions",
            () -> Map.of("url", "http://127.0.0.1:9/role-table"),
            Role.MEMBER,
            201),
        new Endpoint("GET", "/v1/{p}/subscriptions", () -> null, Role.VIEWER, 200),
        new Endpoint("GET", "/v1/{p}/subscriptions/{missing}", () -> null, Role.VIEWER, 404),
        new Endpoint("DELETE", "/v1/{p}/subscriptions/{missing}", () -> null, Role.MEMBER, 404),
        new Endpoint(
            "GET", "/v1/{p}/subscriptions/{missing}/deliveries", () -> null, Role.VIEWER, 404),
        new Endpoint(
            "POST",
            "/v2/{p}/pools",
            () -> Pools.body(Pools.uniqueName(), Pools.CPU, 1),
            Role.MEMBER,
            200),
        new Endpoint("GET", "/v2/{p}/pools", () -> null, Role.VIEWER, 200),
        new Endpoint("GET", "/v2/{p}/pools/{pool}", () -> null, Role.VIEWER, 200),
        new Endpoint(
            "PATCH",
            "/v2/{p}/pools/{pool}",
            () ->
                Map.of(
                    "metadata",
                    Map.of("annotations", Map.of("os.modelarts/description", "role table"))),
            Role.MEMBER,
            200),
        new Endpoint("DELETE", "/v2/{p}/pools/{missing}", () -> null, Role.MEMBER, 404),
        new Endpoint("GET", "/v2/{p}/pools/{pool}/nodes", () -> null, Role.VIEWER, 200),
        new Endpoint("GET", "/v2/{p}/statistics/pools", () -> null, Role.VIEWER, 200),
        new Endpoint(
            "POST",
            "/v2/{p}/pools/{missing}/nodes/batch-delete",
            () -> Map.of("deleteNodeNames", List.of("os-node-created-aaaaa")),
            Role.MEMBER,
            404));
  }

  /**
   * The table keeps up with the service: every {@code /v1} and {@code /v2} route registered in the
   * sources is one of its rows, so that a new endpoint cannot go without its role checks tested.
   */
  @Test
  void everyV1AndV2RouteOfTheServiceIsInTheTable() throws IOException {
    Pattern route = Pattern.compile("\\.(get|post|put|patch|delete)\\(\\s*\"(/v[12]/[^\"]*)\"");
    Set<String> registered = new TreeSet<>();
    try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
      for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher matcher = route.matcher(Files.readString(source));
        while (matcher.find()) {
          registered.add(
              matcher.group(1).toUpperCase(Locale.ROOT)
                  + " "
                  + matcher.group(2).replaceAll("\\{[^}]+}", "{}"));
        }
      }
    }
    Set<String> tabled = new TreeSet<>(endpoints().stream().map(Endpoint::route).toList());
    assertTrue(registered.size() >= 10, registered::toString);
    assertEquals(registered, tabled);
  }

  @TestFactory
  Stream<DynamicTest> everyEndpointByRoleProjectAndCredential() {
    List<DynamicTest> cases = new ArrayList<>();
    for (Endpoint endpoint : endpoints()) {
      for (boolean ownProject : new boolean[] {true, false}) {
        Project project = ownProject ? own : other;
        String where = ownProject ? "own" : "other";
        for (Role role : Role.values()) {
          for (Auth auth : role == Role.NONE ? List.of(Auth.TOKEN) : List.of(Auth.values())) {
            int expected = expectedStatus(endpoint, role, ownProject);
            String name =
                "%s %s in %s project as %s%s → %d"
                    .formatted(
                        endpoint.method(),
                        endpoint.path(),
                        where,
                        role.name().toLowerCase(),
                        role == Role.NONE ? "" : " by " + auth,
                        expected);
            cases.add(
                DynamicTest.dynamicTest(
                    name, () -> check(endpoint, project, role, auth, ownProject)));
          }
        }
      }
    }
    return cases.stream();
  }

  /**
   * An endpoint of the identity APIs: the path and body for a caller, addressing that caller's own
   * keys or project ({@code own}) or someone else's, and the status each caller gets.
   */
  record IdentityEndpoint(
      String method, String path, PathFor pathFor, BodyFor bodyFor, Expectation expected) {}

  interface PathFor {
    String path(Role caller, boolean own);
  }

  interface BodyFor {
    Object body(Role caller, boolean own);
  }

  interface Expectation {
    int status(Role caller, boolean own);
  }

  private static String userOf(Role caller, boolean own) {
    return own ? keys.get(caller == Role.NONE ? Role.MEMBER : caller).userId() : othersKey.userId();
  }

  private static String keyOf(Role caller, boolean own) {
    return own ? keys.get(caller == Role.NONE ? Role.MEMBER : caller).access() : othersKey.access();
  }

  /** Global admin only, wherever it points. */
  private static int adminOnly(Role caller, int allowed) {
    return caller == Role.ADMIN ? allowed : 403;
  }

  /** One's own keys with at least {@code required}; others' keys only for the admin. */
  private static Expectation ownKeys(Role required, int allowed, int othersDenied) {
    return (caller, own) -> {
      if (caller == Role.ADMIN) {
        return allowed;
      }
      if (!own) {
        return othersDenied;
      }
      return caller.ordinal() >= required.ordinal() ? allowed : 403;
    };
  }

  static List<IdentityEndpoint> identityEndpoints() {
    String credentials = AccessKey.CREDENTIALS;
    return List.of(
        new IdentityEndpoint(
            "GET",
            "/v3/projects",
            (c, own) -> "/v3/projects",
            (c, own) -> null,
            (c, own) -> adminOnly(c, 200)),
        // Any valid token, whatever its role: the projects its own user may switch to.
        new IdentityEndpoint(
            "GET",
            "/v3/auth/projects",
            (c, own) -> "/v3/auth/projects",
            (c, own) -> null,
            (c, own) -> 200),
        new IdentityEndpoint(
            "POST",
            "/v3/users (invalid body)",
            (c, own) -> "/v3/users",
            (c, own) -> Map.of("user", Map.of("name", "")),
            (c, own) -> adminOnly(c, 400)),
        new IdentityEndpoint(
            "GET",
            "/v3/users",
            (c, own) -> "/v3/users",
            (c, own) -> null,
            (c, own) -> adminOnly(c, 200)),
        new IdentityEndpoint(
            "GET",
            "/v3/projects/{p}/users/{user}/roles",
            (c, own) ->
                "/v3/projects/"
                    + (own ? RolesOnEveryEndpointTest.own : other).id()
                    + "/users/"
                    + keys.get(Role.MEMBER).userId()
                    + "/roles",
            (c, own) -> null,
            (c, own) -> adminOnly(c, 200)),
        new IdentityEndpoint(
            "GET",
            credentials + "?user_id={user}",
            (c, own) -> credentials + "?user_id=" + userOf(c, own),
            (c, own) -> null,
            ownKeys(Role.VIEWER, 200, 403)),
        new IdentityEndpoint(
            "POST",
            credentials,
            (c, own) -> credentials,
            (c, own) -> Map.of("credential", Map.of("user_id", userOf(c, own))),
            ownKeys(Role.MEMBER, 201, 403)),
        new IdentityEndpoint(
            "GET",
            credentials + "/{access}",
            (c, own) -> credentials + "/" + keyOf(c, own),
            (c, own) -> null,
            ownKeys(Role.VIEWER, 200, 404)),
        new IdentityEndpoint(
            "PUT",
            credentials + "/{access}",
            (c, own) -> credentials + "/" + keyOf(c, own),
            (c, own) -> Map.of("credential", Map.of("description", "role table")),
            ownKeys(Role.MEMBER, 200, 404)));
  }

  @TestFactory
  Stream<DynamicTest> identityApisByRoleOwnOrOthersAndCredential() {
    List<DynamicTest> cases = new ArrayList<>();
    for (IdentityEndpoint endpoint : identityEndpoints()) {
      for (boolean own : new boolean[] {true, false}) {
        for (Role role : Role.values()) {
          for (Auth auth : role == Role.NONE ? List.of(Auth.TOKEN) : List.of(Auth.values())) {
            // The identity APIs take tokens only: an access key must not mint more keys.
            int expected =
                role == Role.NONE || auth == Auth.AKSK
                    ? 401
                    : endpoint.expected().status(role, own);
            String name =
                "%s %s, %s, as %s%s → %d"
                    .formatted(
                        endpoint.method(),
                        endpoint.path(),
                        own ? "own" : "someone else's",
                        role.name().toLowerCase(),
                        role == Role.NONE ? "" : " by " + auth,
                        expected);
            cases.add(
                DynamicTest.dynamicTest(
                    name,
                    () -> {
                      HttpResult result =
                          caller(role, auth)
                              .send(
                                  endpoint.method(),
                                  endpoint.pathFor().path(role, own),
                                  endpoint.bodyFor().body(role, own));
                      assertEquals(expected, result.status(), result::toString);
                      assertEquals(expected, result.body().at("/error/code").asInt(expected));
                    }));
          }
        }
      }
    }
    return cases.stream();
  }

  private static int expectedStatus(Endpoint endpoint, Role role, boolean ownProject) {
    if (role == Role.NONE) {
      return 401;
    }
    if (role == Role.ADMIN) {
      return endpoint.allowedStatus();
    }
    if (!ownProject || role.ordinal() < endpoint.required().ordinal()) {
      return 403;
    }
    return endpoint.allowedStatus();
  }

  private static void check(
      Endpoint endpoint, Project project, Role role, Auth auth, boolean ownProject) {
    HttpResult result =
        caller(role, auth).send(endpoint.method(), endpoint.pathIn(project), endpoint.body().get());
    int expected = expectedStatus(endpoint, role, ownProject);
    assertEquals(expected, result.status(), result::toString);
    if (expected == 401) {
      assertEquals("ModelArts.50001000", result.errorCode(), result::toString);
    } else if (expected == 403) {
      String code = ownProject ? "ModelArts.0108" : "ModelArts.0210";
      assertEquals(code, result.errorCode(), result::toString);
    } else if (expected == 404) {
      assertEquals("ModelArts.50015001", result.errorCode(), result::toString);
    }
  }

  private static ApiClient caller(Role role, Auth auth) {
    if (role == Role.NONE) {
      return SERVER.client();
    }
    if (auth == Auth.AKSK) {
      return keys.get(role).client();
    }
    return switch (role) {
      case VIEWER -> tenant.viewer();
      case MEMBER -> tenant.member();
      default -> tenant.admin();
    };
  }
}
