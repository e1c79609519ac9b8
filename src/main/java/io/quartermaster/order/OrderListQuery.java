package io.quartermaster.order;

import io.helidon.common.uri.UriQuery;
import io.quartermaster.error.BadRequestException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A validated ListOrders query (CONTRACT §2.1), with every default applied and {@code since}
 * already raised to the start of the listing window.
 *
 * @param since the oldest creation time selected, inclusive
 * @param until the newest creation time selected, inclusive
 * @param marker the {@code marker} parameter (an extension): present, possibly empty, when the
 *     caller pages by marker instead of offset
 */
record OrderListQuery(
    String workspaceId,
    Optional<String> involvedName,
    int limit,
    int offset,
    Instant since,
    Instant until,
    Optional<OrderPhase> phase,
    Optional<String> marker) {

  static final String DEFAULT_WORKSPACE = "0";
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 500;
  static final int MAX_OFFSET = 500;
  static final int MAX_NAME_LENGTH = 64;
  static final int MAX_MARKER_LENGTH = 512;

  /**
   * PostgreSQL's timestamptz ends in the year 294276; a bound beyond the year 9999 selects the same
   * orders as one at its end, and keeps the bound inside what the database can compare.
   */
  static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

  private static final Pattern DIGITS = Pattern.compile("[0-9]+");

  // 0 is not "no orders": like an absent or empty limit, it asks for the default page.
  private static final String LIMIT_ZERO =
      " (0, empty or absent means the default, " + DEFAULT_LIMIT + ")";

  OrderListQuery {
    Objects.requireNonNull(workspaceId, "workspaceId");
    Objects.requireNonNull(involvedName, "involvedName");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(marker, "marker");
  }

  /**
   * Parses and validates the query string of a ListOrders request. Unknown parameters are ignored;
   * an empty value counts as absent. The first value of a repeated parameter is used.
   *
   * @throws BadRequestException naming the parameter and the rule it breaks
   */
  static OrderListQuery parse(UriQuery query, OrderConfig config, Clock clock) {
    OrderListQuery filters = filters(query, config.listWindow(), clock);
    int limit =
        integer(query, "limit", MAX_LIMIT, LIMIT_ZERO).filter(l -> l > 0).orElse(DEFAULT_LIMIT);
    int offset = integer(query, "offset", MAX_OFFSET, "").orElse(0);
    // Present but empty asks for the first page by marker, so presence counts here, not the value.
    Optional<String> marker =
        query.contains("marker") ? Optional.of(query.first("marker").orElse("")) : Optional.empty();
    if (marker.isPresent() && offset > 0) {
      throw BadRequestException.because(
          "offset cannot be combined with marker; page on with the nextMarker of each answer");
    }
    if (marker.isPresent() && marker.get().length() > MAX_MARKER_LENGTH) {
      throw BadRequestException.because("marker is not one this service issued");
    }
    return new OrderListQuery(
        filters.workspaceId,
        filters.involvedName,
        limit,
        offset,
        filters.since,
        filters.until,
        filters.phase,
        marker);
  }

  /**
   * Parses and validates the filters of a ListOrders query string alone, for a listing without
   * pages (the export): {@code since} is raised to {@code now - window}.
   */
  static OrderListQuery filters(UriQuery query, Duration window, Clock clock) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    String workspaceId = text(query, "workspaceId").orElse(DEFAULT_WORKSPACE);
    checkLength("workspaceId", workspaceId);
    Optional<String> involvedName = text(query, "involvedName");
    involvedName.ifPresent(name -> checkLength("involvedName", name));
    Optional<Instant> since = epochMillis(query, "since");
    Instant until = epochMillis(query, "until").orElse(now);
    if (since.isPresent() && since.get().isAfter(until)) {
      throw BadRequestException.because(
          "since must not be greater than until (until defaults to the current time)");
    }
    Optional<OrderPhase> phase = phase(query);
    checkResource(query);
    // Clamped, not refused (CONTRACT §2.1): a client asking for "everything" gets the window.
    Instant windowStart = now.minus(window);
    Instant effectiveSince = since.filter(s -> s.isAfter(windowStart)).orElse(windowStart);
    return new OrderListQuery(
        workspaceId,
        involvedName,
        DEFAULT_LIMIT,
        0,
        effectiveSince,
        until,
        phase,
        Optional.empty());
  }

  private static Optional<String> text(UriQuery query, String name) {
    return query.first(name).asOptional().filter(value -> !value.isEmpty());
  }

  private static void checkLength(String name, String value) {
    if (value.length() > MAX_NAME_LENGTH) {
      throw BadRequestException.because(
          name + " must be at most " + MAX_NAME_LENGTH + " characters long");
    }
  }

  /**
   * A decimal integer in {@code [0, max]}; signs, spaces and fractions are not integers here. The
   * refusal names the range, then {@code zero}: what 0 means, when it means something else.
   */
  private static Optional<Integer> integer(UriQuery query, String name, int max, String zero) {
    Optional<String> raw = text(query, name);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    if (!DIGITS.matcher(raw.get()).matches()
        || raw.get().length() > 9
        || Integer.parseInt(raw.get()) > max) {
      throw BadRequestException.because(name + " must be an integer between 0 and " + max + zero);
    }
    return Optional.of(Integer.parseInt(raw.get()));
  }

  /**
   * Milliseconds since the epoch. Values past {@link #LATEST} select the same orders as {@code
   * LATEST} itself, so they are taken as it rather than refused.
   */
  private static Optional<Instant> epochMillis(UriQuery query, String name) {
    Optional<String> raw = text(query, name);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    if (!DIGITS.matcher(raw.get()).matches()) {
      throw BadRequestException.because(
          name + " must be an integer of at least 0 (milliseconds since the epoch)");
    }
    String digits = raw.get();
    if (digits.length() > 15 || Long.parseLong(digits) > LATEST.toEpochMilli()) {
      return Optional.of(LATEST);
    }
    return Optional.of(Instant.ofEpochMilli(Long.parseLong(digits)));
  }

  private static Optional<OrderPhase> phase(UriQuery query) {
    Optional<OrderPhase> phase = phaseParameter(query, "phase");
    Optional<OrderPhase> result = phaseParameter(query, "result");
    if (phase.isPresent() && result.isPresent() && phase.get() != result.get()) {
      throw BadRequestException.because(
          "result is an alias of phase; when both are given they must select the same phase");
    }
    return phase.or(() -> result);
  }

  private static Optional<OrderPhase> phaseParameter(UriQuery query, String name) {
    Optional<String> raw = text(query, name);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        OrderPhase.fromFilter(raw.get())
            .orElseThrow(
                () ->
                    BadRequestException.because(
                        name + " must be one of pending, running, processing, successed, failed")));
  }

  private static void checkResource(UriQuery query) {
    text(query, "resource")
        .filter(resource -> !resource.equals("pools"))
        .ifPresent(
            resource -> {
              throw BadRequestException.because("resource must be pools");
            });
  }
}
