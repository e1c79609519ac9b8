package io.quartermaster.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.helidon.common.uri.UriQuery;
import io.quartermaster.error.BadRequestException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OrderListQueryTest {

  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00.123Z");
  // Sub-millisecond digits that the parser must drop: stored timestamps have millisecond precision.
  private static final Clock CLOCK = Clock.fixed(NOW.plusNanos(456_789), ZoneOffset.UTC);
  private static final Instant WINDOW_START = NOW.minus(Duration.ofDays(30));

  private static OrderListQuery parse(String queryString) {
    return OrderListQuery.parse(UriQuery.create(queryString), OrderConfig.defaults(), CLOCK);
  }

  private static String rejection(String queryString) {
    return assertThrows(BadRequestException.class, () -> parse(queryString)).getMessage();
  }

  @Test
  void anEmptyQueryGetsEveryDefault() {
    OrderListQuery query = parse("");
    assertEquals("0", query.workspaceId());
    assertEquals(Optional.empty(), query.involvedName());
    assertEquals(100, query.limit());
    assertEquals(0, query.offset());
    assertEquals(WINDOW_START, query.since());
    assertEquals(NOW, query.until());
    assertEquals(Optional.empty(), query.phase());
  }

  @Test
  void unknownParametersAreIgnored() {
    assertEquals(parse(""), parse("foo=bar&page=-1&limit2=x"));
  }

  @Test
  void rejectionsUseTheGenericBadRequestCode() {
    BadRequestException e = assertThrows(BadRequestException.class, () -> parse("limit=-1"));
    assertEquals("ModelArts.50004000", e.errorCode());
    assertEquals(400, e.status());
  }

  @Test
  void workspaceIdIsTakenAsGivenUpTo64Characters() {
    assertEquals("ws-1", parse("workspaceId=ws-1").workspaceId());
    assertEquals("w".repeat(64), parse("workspaceId=" + "w".repeat(64)).workspaceId());
    assertEquals("0", parse("workspaceId=").workspaceId());
  }

  @Test
  void workspaceIdOver64CharactersIsRejected() {
    assertEquals(
        "Bad request: workspaceId must be at most 64 characters long",
        rejection("workspaceId=" + "w".repeat(65)));
  }

  @Test
  void involvedNameIsTakenAsGivenUpTo64Characters() {
    assertEquals(Optional.of("pool-5ed5"), parse("involvedName=pool-5ed5").involvedName());
    assertEquals(64, parse("involvedName=" + "n".repeat(64)).involvedName().orElseThrow().length());
    assertEquals(Optional.empty(), parse("involvedName=").involvedName());
  }

  @Test
  void involvedNameOver64CharactersIsRejected() {
    assertEquals(
        "Bad request: involvedName must be at most 64 characters long",
        rejection("involvedName=" + "n".repeat(65)));
  }

  @ParameterizedTest
  @CsvSource({"limit=,100", "limit=0,100", "limit=00,100", "limit=1,1", "limit=500,500"})
  void limitAcceptsZeroToFiveHundredWithZeroAndEmptyMeaningOneHundred(String q, int expected) {
    assertEquals(expected, parse(q).limit());
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "501", "abc", "1.5", "+5", "%205", "1e2", "99999999999999999999"})
  void limitOutsideZeroToFiveHundredIsRejected(String value) {
    assertEquals(
        "Bad request: limit must be an integer between 0 and 500 (0, empty or absent means the default, 100)",
        rejection("limit=" + value));
  }

  @ParameterizedTest
  @CsvSource({"offset=,0", "offset=0,0", "offset=1,1", "offset=500,500"})
  void offsetAcceptsZeroToFiveHundred(String q, int expected) {
    assertEquals(expected, parse(q).offset());
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "501", "x", "2.0"})
  void offsetOutsideZeroToFiveHundredIsRejected(String value) {
    assertEquals(
        "Bad request: offset must be an integer between 0 and 500", rejection("offset=" + value));
  }

  @Test
  void sinceInsideTheWindowIsKept() {
    Instant since = WINDOW_START.plusMillis(1);
    assertEquals(since, parse("since=" + since.toEpochMilli()).since());
  }

  @Test
  void sinceBeforeTheWindowIsRaisedToItsStart() {
    assertEquals(WINDOW_START, parse("since=0").since());
    assertEquals(
        WINDOW_START, parse("since=" + WINDOW_START.minusMillis(1).toEpochMilli()).since());
  }

  @Test
  void theWindowIsConfigurable() {
    OrderConfig week = new OrderConfig(Duration.ofDays(7));
    OrderListQuery query = OrderListQuery.parse(UriQuery.create("since=0"), week, CLOCK);
    assertEquals(NOW.minus(Duration.ofDays(7)), query.since());
  }

  @Test
  void untilIsKeptAndDefaultsToNow() {
    assertEquals(Instant.ofEpochMilli(1234), parse("until=1234").until());
    assertEquals(NOW, parse("since=0").until());
    assertEquals(Instant.EPOCH, parse("until=0").until());
  }

  @Test
  void sinceEqualToUntilSelectsThatMillisecond() {
    long t = NOW.minusSeconds(60).toEpochMilli();
    OrderListQuery query = parse("since=" + t + "&until=" + t);
    assertEquals(Instant.ofEpochMilli(t), query.since());
    assertEquals(Instant.ofEpochMilli(t), query.until());
  }

  @Test
  void anUntilBeforeTheWindowIsNotAnErrorButSelectsNothing() {
    OrderListQuery query = parse("since=0&until=1000");
    assertEquals(WINDOW_START, query.since());
    assertEquals(Instant.ofEpochMilli(1000), query.until());
  }

  @Test
  void sinceAfterUntilIsRejected() {
    String message =
        "Bad request: since must not be greater than until (until defaults to the"
            + " current time)";
    assertEquals(message, rejection("since=2001&until=2000"));
    assertEquals(message, rejection("since=" + NOW.plusMillis(1).toEpochMilli()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"since=-1", "since=abc", "since=1.0", "until=-5", "until=now"})
  void sinceAndUntilMustBeNonNegativeIntegers(String q) {
    String name = q.substring(0, q.indexOf('='));
    assertEquals(
        "Bad request: " + name + " must be an integer of at least 0 (milliseconds since the epoch)",
        rejection(q));
  }

  @Test
  void timestampsBeyondTheYear9999SelectLikeItsEnd() {
    OrderListQuery query = parse("until=" + Long.MAX_VALUE + "0");
    assertEquals(OrderListQuery.LATEST, query.until());
    assertEquals(
        OrderListQuery.LATEST,
        parse("since=9" + "9".repeat(20) + "&until=9" + "9".repeat(20)).since());
  }

  @ParameterizedTest
  @CsvSource({
    "pending,PENDING",
    "running,PROCESSING",
    "processing,PROCESSING",
    "successed,SUCCESSED",
    "failed,FAILED"
  })
  void phaseAcceptsTheFiveValues(String value, OrderPhase expected) {
    assertEquals(Optional.of(expected), parse("phase=" + value).phase());
    assertEquals(Optional.of(expected), parse("result=" + value).phase());
  }

  @ParameterizedTest
  @ValueSource(strings = {"Running", "completed", "success", "all"})
  void anyOtherPhaseIsRejected(String value) {
    String rule = " must be one of pending, running, processing, successed, failed";
    assertEquals("Bad request: phase" + rule, rejection("phase=" + value));
    assertEquals("Bad request: result" + rule, rejection("result=" + value));
  }

  @Test
  void phaseAndResultMayBothBeGivenWhenTheySelectTheSamePhase() {
    assertEquals(Optional.of(OrderPhase.FAILED), parse("phase=failed&result=failed").phase());
    assertEquals(
        Optional.of(OrderPhase.PROCESSING), parse("phase=running&result=processing").phase());
    assertEquals(Optional.of(OrderPhase.PENDING), parse("phase=pending&result=").phase());
  }

  @Test
  void phaseAndResultThatDifferAreRejected() {
    assertEquals(
        "Bad request: result is an alias of phase; when both are given they must select the same"
            + " phase",
        rejection("phase=failed&result=successed"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "resource=", "resource=pools"})
  void resourceIsPoolsByDefault(String q) {
    assertEquals(parse(""), parse(q));
  }

  @ParameterizedTest
  @ValueSource(strings = {"nodes", "Pools", "pool"})
  void anyOtherResourceIsRejected(String value) {
    assertEquals("Bad request: resource must be pools", rejection("resource=" + value));
  }

  @Test
  void valuesArePercentDecoded() {
    assertEquals(Optional.of("pool a+b"), parse("involvedName=pool%20a%2Bb").involvedName());
  }
}
