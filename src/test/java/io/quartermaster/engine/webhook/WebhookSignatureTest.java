package io.quartermaster.engine.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

  private static final String SECRET = "correct-horse-battery-staple";
  private static final byte[] BODY =
      "{\"idempotencyKey\":\"CS2401011200ABCDE-1\",\"action\":\"createNode\"}"
          .getBytes(StandardCharsets.UTF_8);

  @Test
  void signsTheTimestampADotAndTheBodyWithHmacSha256() {
    // The same value as: printf '%s' "1700000000.$body" | openssl dgst -sha256 -hmac "$secret"
    assertEquals(
        "sha256=c369eb1f2b00fa2e6dc93164c8fa5433f50596f96eb24b88c1b276c4d5da2088",
        new WebhookSignature(SECRET).sign(1_700_000_000L, BODY));
  }

  @Test
  void anotherTimestampBodyOrSecretGivesAnotherSignature() {
    String signed = new WebhookSignature(SECRET).sign(1_700_000_000L, BODY);

    assertNotEquals(signed, new WebhookSignature(SECRET).sign(1_700_000_001L, BODY));
    assertNotEquals(
        signed,
        new WebhookSignature(SECRET).sign(1_700_000_000L, "{}".getBytes(StandardCharsets.UTF_8)));
    assertNotEquals(signed, new WebhookSignature(SECRET + "x").sign(1_700_000_000L, BODY));
  }

  @Test
  void aReceiverVerifiesBySigningAgainAndComparingInConstantTime() {
    String header = new WebhookSignature(SECRET).sign(1_700_000_000L, BODY);

    assertTrue(OperatorEndpoint.verify(SECRET, "1700000000", BODY, header));
    assertFalse(OperatorEndpoint.verify(SECRET, "1700000001", BODY, header));
    assertFalse(OperatorEndpoint.verify("another-secret-of-16+", "1700000000", BODY, header));
    assertFalse(OperatorEndpoint.verify(SECRET, "1700000000", BODY, null));
  }

  @Test
  void neverShowsTheSecret() {
    assertFalse(new WebhookSignature(SECRET).toString().contains(SECRET));
  }
}
