package io.quartermaster.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.app.Application;
import io.quartermaster.testing.AccessKey;
import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.Identities;
import io.quartermaster.testing.MutableClock;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.TempDirs;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code QM_RATE_LIMIT} and {@code QM_RATE_LIMIT_ANONYMOUS} on a service of their own, over HTTP.
 * The buckets refill so slowly (per hour) that a test sees them empty; the clock is then moved on
 * to show that they fill again. Each test starts with every bucket full.
 */
class RateLimitTest {

  private static final int PER_CALLER = 5;
  private static final int PER_ADDRESS = 60;

  private static Path dataDir;
  private static MutableClock clock;
  private static Application app;
  private static Identities identities;

  @BeforeAll
  static void start() throws Exception {
    dataDir = Files.createTempDirectory("qm-rate-limits-");
    clock = new MutableClock();
    RateLimitConfig rates =
        new RateLimitConfig(
            Optional.of(new Rate(PER_CALLER, Duration.ofHours(1), PER_CALLER)),
            Optional.of(new Rate(PER_ADDRESS, Duration.ofHours(1), PER_ADDRESS)),
            RateLimitConfig.DEFAULT_MAX_TRACKED);
    app =
        Application.start(
            TestServer.testConfig(dataDir).withLimits(LimitsConfig.DEFAULT.withRates(rates)),
            clock);
    identities = new Identities(anonymous());
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
    TempDirs.deleteQuietly(dataDir);
  }

  /** Every bucket of the earlier tests has filled up again (and expired) by now. */
  @BeforeEach
  void fillEveryBucket() {
    clock.advance(Duration.ofHours(2));
  }

  private static ApiClient anonymous() {
    return new ApiClient("http://127.0.0.1:" + app.port(), null);
  }

  private static Tenant newTenant() {
    return identities.newTenant(
        identities.login("admin", TestServer.ADMIN_PASSWORD, "default"), "rate");
  }

  private static String orders(Tenant tenant) {
    return "/v1/" + tenant.projectId() + "/orders";
  }

  private static void assertTooManyRequests(HttpResult result, long maxWaitSeconds) {
    assertEquals(429, result.status(), result::toString);
    assertEquals("ModelArts.50004290", result.errorCode(), result::toString);
    assertTrue(result.body().get("error_msg").asText().startsWith("Too many requests"));
    long retryAfter = Long.parseLong(result.header("Retry-After"));
    assertTrue(retryAfter >= 1 && retryAfter <= maxWaitSeconds, result::toString);
  }

  @Test
  void aCallerOverItsRateIsRefusedWith429AndRetryAfterWhileOtherCallersAreServed() {
    Tenant tenant = newTenant();
    for (int i = 0; i < PER_CALLER; i++) {
      assertEquals(200, tenant.member().get(orders(tenant)).status());
    }
    // One request per 12 minutes comes back.
    assertTooManyRequests(tenant.member().get(orders(tenant)), 12 * 60);

    // Refused before anything is done: no pool, no order.
    HttpResult create =
        tenant
            .member()
            .post("/v2/" + tenant.projectId() + "/pools", Pools.body("rated", Pools.CPU, 1));
    assertTooManyRequests(create, 12 * 60);
    HttpResult listed = tenant.viewer().get(orders(tenant));
    assertEquals(200, listed.status(), listed::toString);
    assertEquals(0, listed.body().get("count").asInt());

    // Another caller of the same project, from the same address, is served.
    assertEquals(200, tenant.viewer().get("/v2/" + tenant.projectId() + "/pools").status());

    clock.advance(Duration.ofMinutes(13));
    assertEquals(200, tenant.member().get(orders(tenant)).status());
    assertEquals(429, tenant.member().get(orders(tenant)).status());
  }

  @Test
  void aSecondTokenOfTheSameUserSharesTheUsersBucket() {
    Tenant tenant = newTenant();
    ApiClient again = identities.login(tenant.memberName(), Tenant.PASSWORD, tenant.projectName());
    for (int i = 0; i < PER_CALLER; i++) {
      ApiClient client = i % 2 == 0 ? tenant.member() : again;
      assertEquals(200, client.get(orders(tenant)).status());
    }
    assertEquals(429, again.get(orders(tenant)).status());
    assertEquals(429, tenant.member().get(orders(tenant)).status());
  }

  @Test
  void signedRequestsCountAgainstTheirAccessKey() {
    Tenant tenant = newTenant();
    ApiClient admin = identities.login("admin", TestServer.ADMIN_PASSWORD, "default");
    String memberId = AccessKey.userId(admin, tenant.memberName());
    AccessKey key = AccessKey.create(admin, memberId);
    // Signed at the service's time, which the test has moved on.
    ApiClient signed =
        anonymous()
            .withSigner(
                (method, uri, headers, body) ->
                    key.signer().at(clock.instant()).sign(method, uri, headers, body));
    for (int i = 0; i < PER_CALLER; i++) {
      assertEquals(200, signed.get(orders(tenant)).status());
    }
    assertTooManyRequests(signed.get(orders(tenant)), 12 * 60);
    // The user's token has a bucket of its own.
    assertEquals(200, tenant.member().get(orders(tenant)).status());
  }

  @Test
  void requestsWithoutAnAcceptedCallerCountAgainstTheClientAddress() {
    Tenant tenant = newTenant();
    ApiClient guesser = anonymous().withToken("a".repeat(43));
    int refusedAsUnauthorized = 0;
    HttpResult last = null;
    for (int i = 0; i <= PER_ADDRESS; i++) {
      last = guesser.get(orders(tenant));
      if (last.status() != 401) {
        break;
      }
      refusedAsUnauthorized++;
    }
    assertTrue(refusedAsUnauthorized > 0 && refusedAsUnauthorized < PER_ADDRESS);
    assertTooManyRequests(last, 60);

    // Everything else without a caller from this address waits too: no credentials, a login.
    assertTooManyRequests(anonymous().get("/health"), 60);
    assertTooManyRequests(anonymous().get(orders(tenant)), 60);
    HttpResult login =
        anonymous()
            .post(
                "/v3/auth/tokens",
                Identities.passwordAuth(
                    tenant.memberName(), Tenant.PASSWORD, tenant.projectName()));
    assertEquals(429, login.status(), login::toString);
    assertEquals(429, login.body().at("/error/code").asInt(), login::toString);

    // Callers with an accepted token are counted on their own and still served.
    assertEquals(200, tenant.member().get(orders(tenant)).status());
    assertEquals(200, tenant.admin().get(orders(tenant)).status());

    clock.advance(Duration.ofMinutes(2));
    assertEquals(401, guesser.get(orders(tenant)).status());
  }

  @Test
  void aForbiddenRequestCountsAgainstTheAddressNotTheCaller() {
    Tenant tenant = newTenant();
    Tenant other = newTenant();
    // The viewer may not place orders, and may not read another project: neither uses its bucket.
    for (int i = 0; i < PER_CALLER + 2; i++) {
      HttpResult refused = tenant.viewer().get(orders(other));
      assertEquals(403, refused.status(), refused::toString);
    }
    for (int i = 0; i < PER_CALLER; i++) {
      assertEquals(200, tenant.viewer().get(orders(tenant)).status());
    }
  }

  @Test
  void idleCallersBucketsAreForgottenOnceTheyHaveFilledUp() {
    Tenant tenant = newTenant();
    tenant.member().get(orders(tenant));
    tenant.viewer().get(orders(tenant));
    assertTrue(app.rateLimitBuckets() >= 3, () -> "buckets: " + app.rateLimitBuckets());
    // A bucket of 5 per hour is full again after an hour: kept longer, it would only hold memory.
    clock.advance(Duration.ofMinutes(61));
    assertEquals(0, app.rateLimitBuckets());
  }

  @Test
  void theRateLimitDoesNotApplyToAnotherCallersRequestsMeanwhile() {
    Tenant tenant = newTenant();
    Map<String, ApiClient> callers = Map.of("member", tenant.member(), "viewer", tenant.viewer());
    for (int i = 0; i < PER_CALLER; i++) {
      assertEquals(200, tenant.member().get(orders(tenant)).status());
    }
    assertEquals(429, callers.get("member").get(orders(tenant)).status());
    for (int i = 0; i < PER_CALLER; i++) {
      assertEquals(200, callers.get("viewer").get(orders(tenant)).status());
    }
  }
}
