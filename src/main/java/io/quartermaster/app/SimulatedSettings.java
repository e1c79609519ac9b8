package io.quartermaster.app;

import io.quartermaster.engine.SimulatedFaults;
import io.quartermaster.error.InvalidConfigException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Reads the fault injection of the simulated provider from its {@code QM_SIMULATED_*} settings. */
final class SimulatedSettings {

  static final String RATE = "QM_SIMULATED_FAILURE_RATE";
  static final String RATES = "QM_SIMULATED_FAILURE_RATES";

  private SimulatedSettings() {}

  static SimulatedFaults read(Config.EnvironmentReader read) {
    double rate = read.optional(RATE).map(v -> rate(RATE, v)).orElse(0.0);
    Map<String, Double> rates = read.optional(RATES).map(SimulatedSettings::rates).orElse(Map.of());
    Optional<Duration> timeout = Optional.empty();
    if (read.optional("QM_SIMULATED_NODE_TIMEOUT").isPresent()) {
      Duration value = read.duration("QM_SIMULATED_NODE_TIMEOUT", Duration.ZERO);
      if (value.isZero()) {
        throw new InvalidConfigException(
            "QM_SIMULATED_NODE_TIMEOUT must be longer than zero (leave it unset for no timeout)");
      }
      timeout = Optional.of(value);
    }
    return new SimulatedFaults(
        rate,
        rates,
        read.duration("QM_SIMULATED_EXTRA_LATENCY", Duration.ZERO),
        read.duration("QM_SIMULATED_LATENCY_JITTER", Duration.ZERO),
        timeout,
        read.optional("QM_SIMULATED_SEED").map(SimulatedSettings::seed).orElse(0L));
  }

  /** {@code flavor=rate} pairs separated by commas, such as {@code gpu.a=0.3,gpu.b=1}. */
  private static Map<String, Double> rates(String value) {
    Map<String, Double> rates = new LinkedHashMap<>();
    for (String pair : value.split(",", -1)) {
      int equals = pair.indexOf('=');
      String flavor = equals < 0 ? "" : pair.substring(0, equals).strip();
      if (flavor.isEmpty()) {
        throw new InvalidConfigException(
            RATES
                + " must list flavor=rate pairs separated by commas, such as"
                + " modelarts.vm.gpu.t4u8=0.3,modelarts.vm.cpu.8ud=1; '"
                + pair.strip()
                + "' is not one");
      }
      double rate = rate(RATES + " (flavor " + flavor + ")", pair.substring(equals + 1).strip());
      if (rates.put(flavor, rate) != null) {
        throw new InvalidConfigException(RATES + " names flavor " + flavor + " twice");
      }
    }
    return rates;
  }

  private static double rate(String name, String value) {
    try {
      double rate = Double.parseDouble(value);
      if (rate >= 0 && rate <= 1) {
        return rate;
      }
    } catch (NumberFormatException e) {
      // reported below, with the setting's name
    }
    throw new InvalidConfigException(
        name + " must be a probability from 0 to 1 such as 0.25, not '" + value + "'");
  }

  private static long seed(String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new InvalidConfigException(
          "QM_SIMULATED_SEED must be an integer (a 64-bit seed), not '" + value + "'");
    }
  }
}
