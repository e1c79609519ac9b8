package io.quartermaster.engine.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.engine.ProvisionOutcome;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookAnswerTest {

  @Test
  void aSucceededStatusSucceedsTheItemWithItsOptionalMessage() {
    assertEquals(
        settled(new ProvisionOutcome.Succeeded(Optional.empty())),
        answer(200, "{\"status\":\"succeeded\"}"));
    assertEquals(
        settled(new ProvisionOutcome.Succeeded(Optional.of("node n-1 is up"))),
        answer(201, "{\"status\":\"succeeded\",\"message\":\"node n-1 is up\",\"extra\":1}"));
  }

  @Test
  void aFailedStatusFailsTheItemWithTheEndpointsMessage() {
    assertEquals(
        settled(ProvisionOutcome.failed("no GPUs left")),
        answer(200, "{\"status\":\"failed\",\"message\":\"no GPUs left\"}"));
    assertEquals(
        settled(ProvisionOutcome.failed("Provider reported a failure without a message.")),
        answer(200, "{\"status\":\"failed\"}"));
  }

  @Test
  void aSuccessfulStatusCodeWithoutAVerdictDecidesNothing() {
    for (String body : new String[] {"", "<html>ok</html>", "[]", "{\"status\":\"done\"}"}) {
      WebhookAnswer answer = answer(200, body);
      assertInstanceOf(WebhookAnswer.Unusable.class, answer, body);
      assertTrue(((WebhookAnswer.Unusable) answer).reason().contains("HTTP 200"), body);
    }
  }

  @Test
  void aClientErrorFailsTheItemNamingTheStatusAndTheMessage() {
    assertEquals(
        settled(ProvisionOutcome.failed("Provider refused the request with HTTP 400: bad flavor")),
        answer(400, "{\"message\":\"bad flavor\"}"));
    assertEquals(
        settled(ProvisionOutcome.failed("Provider refused the request with HTTP 404")),
        answer(404, "<html>not found</html>"));
  }

  @Test
  void timeoutsThrottlingAndServerErrorsAreRetried() {
    for (int status : new int[] {408, 429, 500, 502, 503, 504}) {
      WebhookAnswer answer = answer(status, "{\"status\":\"failed\",\"message\":\"busy\"}");
      assertEquals(new WebhookAnswer.Retry("HTTP " + status, Optional.empty()), answer);
    }
  }

  @Test
  void retryAfterCountsOnlyForThrottlingAndUnavailable() {
    Optional<String> after = Optional.of("3");
    assertEquals(
        new WebhookAnswer.Retry("HTTP 429", after), WebhookAnswer.of(429, after, bytes("")));
    assertEquals(
        new WebhookAnswer.Retry("HTTP 503", after), WebhookAnswer.of(503, after, bytes("")));
    assertEquals(
        new WebhookAnswer.Retry("HTTP 500", Optional.empty()),
        WebhookAnswer.of(500, after, bytes("")));
  }

  @Test
  void redirectsDecideNothing() {
    assertInstanceOf(WebhookAnswer.Unusable.class, answer(302, ""));
  }

  @Test
  void longMessagesAreCut() {
    String message = "x".repeat(5_000);
    WebhookAnswer answer = answer(200, "{\"status\":\"failed\",\"message\":\"" + message + "\"}");
    String failed =
        ((ProvisionOutcome.Failed) ((WebhookAnswer.Settled) answer).outcome()).message();
    assertEquals(WebhookAnswer.MAX_MESSAGE_LENGTH + 1, failed.length());
  }

  private static WebhookAnswer answer(int status, String body) {
    return WebhookAnswer.of(status, Optional.empty(), bytes(body));
  }

  private static WebhookAnswer settled(ProvisionOutcome outcome) {
    return new WebhookAnswer.Settled(outcome);
  }

  private static byte[] bytes(String body) {
    return body.getBytes(StandardCharsets.UTF_8);
  }
}
