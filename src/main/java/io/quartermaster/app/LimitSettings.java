package io.quartermaster.app;

import io.quartermaster.error.InvalidConfigException;
import io.quartermaster.http.ReadTimeouts;
import io.quartermaster.limit.LimitsConfig;
import io.quartermaster.limit.Rate;
import io.quartermaster.limit.RateLimitConfig;
import java.util.Optional;

/**
 * Reads the request limits: {@code QM_RATE_LIMIT*} and the {@code QM_HTTP_*_TIMEOUT}s. The caps of
 * single features ({@code QM_EVENT_STREAMS_PER_CALLER} and so on) are read with their feature.
 */
final class LimitSettings {

  static final String RATE = "QM_RATE_LIMIT";
  static final String BURST = "QM_RATE_LIMIT_BURST";
  static final String ANONYMOUS_RATE = "QM_RATE_LIMIT_ANONYMOUS";
  static final String ANONYMOUS_BURST = "QM_RATE_LIMIT_ANONYMOUS_BURST";

  private LimitSettings() {}

  static LimitsConfig read(Config.EnvironmentReader read) {
    Optional<Rate> perCaller = rate(read, RATE, BURST, Optional.empty());
    // Without a rate of its own, anonymous traffic gets the callers' rate.
    Optional<Rate> perAddress = rate(read, ANONYMOUS_RATE, ANONYMOUS_BURST, perCaller);
    return new LimitsConfig(
        new RateLimitConfig(perCaller, perAddress, RateLimitConfig.DEFAULT_MAX_TRACKED),
        new ReadTimeouts(
            read.positiveDuration("QM_HTTP_HEADER_TIMEOUT", ReadTimeouts.DEFAULT_HEADER),
            read.positiveDuration("QM_HTTP_BODY_TIMEOUT", ReadTimeouts.DEFAULT_BODY),
            read.positiveDuration("QM_HTTP_IDLE_TIMEOUT", ReadTimeouts.DEFAULT_IDLE)));
  }

  private static Optional<Rate> rate(
      Config.EnvironmentReader read, String name, String burstName, Optional<Rate> fallback) {
    Optional<String> spec = read.optional(name);
    if (spec.isEmpty()) {
      return fallback;
    }
    if (spec.get().equalsIgnoreCase("off")) {
      return Optional.empty();
    }
    int burst = read.optional(burstName).isPresent() ? read.integer(burstName, 0, 1) : 0;
    try {
      return Optional.of(Rate.parse(spec.get(), burst));
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException(
          name + " must be off or a rate such as 100/s, 600/m or 5000/h, not '" + spec.get() + "'");
    }
  }
}
