package io.quartermaster.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Five failed password logins for a user within a minute lock its logins for five minutes. */
class LoginThrottleTest {

  private final TestServer server = TestServer.get();
  private final ApiClient anonymous = server.client();
  private Tenant tenant;

  @BeforeEach
  void newTenant() {
    tenant = server.newTenant();
  }

  @AfterEach
  void resetClock() {
    server.clock().reset();
  }

  private HttpResult login(String user, String password) {
    return anonymous.post(
        "/v3/auth/tokens", Keystone.authByName(user, password, tenant.projectName()));
  }

  private void failTimes(String user, int times) {
    for (int i = 0; i < times; i++) {
      assertEquals(401, login(user, "wrong-password").status());
    }
  }

  private static void assertThrottled(HttpResult result, long retryAfterSeconds) {
    Keystone.assertKeystoneError(429, "Too Many Requests", result);
    assertEquals(Long.toString(retryAfterSeconds), result.header("Retry-After"));
    assertEquals(
        "Too many failed logins; try again in " + retryAfterSeconds + " seconds.",
        result.body().at("/error/message").asText());
  }

  @Test
  void theFifthFailureLocksLoginsEvenWithTheRightPasswordUntilTheLockoutEnds() {
    String user = tenant.memberName();
    failTimes(user, 5);

    assertThrottled(login(user, Tenant.PASSWORD), 300);
    server.clock().advance(Duration.ofMinutes(4));
    HttpResult stillLocked = login(user, Tenant.PASSWORD);
    assertEquals(429, stillLocked.status());
    long left = Long.parseLong(stillLocked.header("Retry-After"));
    assertEquals(true, left > 55 && left <= 60, "Retry-After " + left);

    server.clock().advance(Duration.ofMinutes(1).plusSeconds(1));
    assertEquals(201, login(user, Tenant.PASSWORD).status());
  }

  @Test
  void failuresOutsideTheWindowDoNotAddUp() {
    String user = tenant.memberName();
    failTimes(user, 4);
    server.clock().advance(Duration.ofSeconds(61));
    failTimes(user, 4);
    assertEquals(201, login(user, Tenant.PASSWORD).status());
  }

  @Test
  void aSuccessfulLoginStartsTheCountAfresh() {
    String user = tenant.memberName();
    failTimes(user, 4);
    assertEquals(201, login(user, Tenant.PASSWORD).status());
    failTimes(user, 4);
    assertEquals(201, login(user, Tenant.PASSWORD).status());
  }

  @Test
  void theLockIsPerUser() {
    failTimes(tenant.memberName(), 5);
    assertEquals(429, login(tenant.memberName(), Tenant.PASSWORD).status());
    assertEquals(201, login(tenant.viewerName(), Tenant.PASSWORD).status());
  }

  @Test
  void unknownNamesAreThrottledAlikeSoThatA429RevealsNoUser() {
    String nobody = Keystone.uniqueName("nobody");
    failTimes(nobody, 5);
    assertThrottled(login(nobody, "anything-at-all"), 300);
  }

  @Test
  void afterAFailureCountsWithinTheWindowAndLocksAtTheLimit() {
    LoginThrottleConfig config =
        new LoginThrottleConfig(3, Duration.ofMinutes(1), Duration.ofMinutes(5));
    Instant t0 = Instant.parse("2024-05-01T10:00:00Z");

    var first = LoginThrottle.afterFailure(Optional.empty(), t0, config);
    assertEquals(new LoginThrottle.Attempts(t0, 1, Optional.empty()), first);
    var second = LoginThrottle.afterFailure(Optional.of(first), t0.plusSeconds(59), config);
    assertEquals(new LoginThrottle.Attempts(t0, 2, Optional.empty()), second);
    Instant t3 = t0.plusSeconds(59);
    var third = LoginThrottle.afterFailure(Optional.of(second), t3, config);
    assertEquals(
        new LoginThrottle.Attempts(t3, 0, Optional.of(t3.plus(Duration.ofMinutes(5)))), third);
    Instant late = t0.plusSeconds(60);
    assertEquals(
        new LoginThrottle.Attempts(late, 1, Optional.empty()),
        LoginThrottle.afterFailure(Optional.of(second), late, config));
  }
}
