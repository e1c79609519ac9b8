package io.quartermaster.limit;

import io.quartermaster.http.ReadTimeouts;

/**
 * The limits against abuse that apply to every request, whatever its route: the rates per caller
 * and per client address, and how slowly a client may send a request. The caps that belong to one
 * feature (streams per caller, pools per project, access keys per user) are in that feature's
 * configuration.
 */
public record LimitsConfig(RateLimitConfig rates, ReadTimeouts readTimeouts) {

  public static final LimitsConfig DEFAULT =
      new LimitsConfig(RateLimitConfig.OFF, ReadTimeouts.DEFAULT);

  public LimitsConfig withRates(RateLimitConfig newRates) {
    return new LimitsConfig(newRates, readTimeouts);
  }

  public LimitsConfig withReadTimeouts(ReadTimeouts newTimeouts) {
    return new LimitsConfig(rates, newTimeouts);
  }
}
