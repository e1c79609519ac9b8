package io.quartermaster.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.error.InvalidConfigException;
import io.quartermaster.http.ReadTimeouts;
import io.quartermaster.limit.Rate;
import io.quartermaster.limit.RateLimitConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LimitsConfigTest {

  @Test
  void byDefaultRatesAreOffAndTheCapsAndTimeoutsAreGenerous() {
    Config config = Config.fromEnvironment(Map.of());
    assertFalse(config.limits().rates().enabled());
    assertEquals(ReadTimeouts.DEFAULT, config.limits().readTimeouts());
    assertEquals(64, config.events().maxStreamsPerCaller());
    assertEquals(1000, config.pools().maxPoolsPerProject());
    assertEquals(20, config.identity().maxAccessKeysPerUser());
  }

  @Test
  void anonymousTrafficGetsTheCallersRateUnlessItHasItsOwn() {
    RateLimitConfig same =
        Config.fromEnvironment(Map.of("QM_RATE_LIMIT", "100/s")).limits().rates();
    assertEquals(Optional.of(new Rate(100, Duration.ofSeconds(1), 100)), same.perCaller());
    assertEquals(same.perCaller(), same.perAddress());

    RateLimitConfig own =
        Config.fromEnvironment(
                Map.of(
                    "QM_RATE_LIMIT", "600/m",
                    "QM_RATE_LIMIT_BURST", "50",
                    "QM_RATE_LIMIT_ANONYMOUS", "off"))
            .limits()
            .rates();
    assertEquals(Optional.of(new Rate(600, Duration.ofMinutes(1), 50)), own.perCaller());
    assertEquals(Optional.empty(), own.perAddress());

    RateLimitConfig anonymousOnly =
        Config.fromEnvironment(
                Map.of("QM_RATE_LIMIT_ANONYMOUS", "20/s", "QM_RATE_LIMIT_ANONYMOUS_BURST", "40"))
            .limits()
            .rates();
    assertEquals(Optional.empty(), anonymousOnly.perCaller());
    assertEquals(Optional.of(new Rate(20, Duration.ofSeconds(1), 40)), anonymousOnly.perAddress());
  }

  @Test
  void readsTheCapsAndTimeouts() {
    Config config =
        Config.fromEnvironment(
            Map.of(
                "QM_EVENT_STREAMS_PER_CALLER", "3",
                "QM_MAX_POOLS_PER_PROJECT", "4",
                "QM_MAX_ACCESS_KEYS_PER_USER", "2",
                "QM_HTTP_HEADER_TIMEOUT", "PT5S",
                "QM_HTTP_BODY_TIMEOUT", "PT6S",
                "QM_HTTP_IDLE_TIMEOUT", "PT7S"));
    assertEquals(3, config.events().maxStreamsPerCaller());
    assertEquals(4, config.pools().maxPoolsPerProject());
    assertEquals(2, config.identity().maxAccessKeysPerUser());
    assertEquals(
        new ReadTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(6), Duration.ofSeconds(7)),
        config.limits().readTimeouts());
  }

  @Test
  void refusesValuesItCannotUseNamingTheVariable() {
    List<Map<String, String>> bad =
        List.of(
            Map.of("QM_RATE_LIMIT", "100"),
            Map.of("QM_RATE_LIMIT", "0/s"),
            Map.of("QM_RATE_LIMIT", "10/day"),
            Map.of("QM_RATE_LIMIT", "10/s", "QM_RATE_LIMIT_BURST", "0"),
            Map.of("QM_RATE_LIMIT_ANONYMOUS", "fast"),
            Map.of("QM_EVENT_STREAMS_PER_CALLER", "0"),
            Map.of("QM_MAX_POOLS_PER_PROJECT", "0"),
            Map.of("QM_MAX_ACCESS_KEYS_PER_USER", "none"),
            Map.of("QM_HTTP_HEADER_TIMEOUT", "PT0S"),
            Map.of("QM_HTTP_BODY_TIMEOUT", "10s"));
    for (Map<String, String> env : bad) {
      String name =
          env.keySet().stream()
              .filter(k -> !k.equals("QM_RATE_LIMIT"))
              .findFirst()
              .orElse("QM_RATE_LIMIT");
      InvalidConfigException e =
          assertThrows(
              InvalidConfigException.class, () -> Config.fromEnvironment(env), env::toString);
      assertTrue(e.getMessage().startsWith(name + " must"), e.getMessage());
    }
  }
}
