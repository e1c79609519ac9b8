package io.quartermaster.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DeliverySignatureTest {

  @Test
  void matchesAnIndependentlyComputedHmac() {
    // Expected value from: printf '1700000000.{}' | openssl dgst -sha256 -hmac key
    String header = DeliverySignature.header("key", 1_700_000_000L, "{}");
    assertEquals(
        "t=1700000000,v1=9d713ed406bb7076d4123f0dc2c39d2df5c654ed4b0cd56b52c8b4c940bd63ae", header);
    assertTrue(DeliverySignature.verify("key", header, "{}"));
  }

  @Test
  void refusesAnotherSecretBodyOrTimestamp() {
    String header = DeliverySignature.header("key", 1_700_000_000L, "{}");
    assertFalse(DeliverySignature.verify("other", header, "{}"));
    assertFalse(DeliverySignature.verify("key", header, "{ }"));
    assertFalse(
        DeliverySignature.verify("key", header.replace("t=1700000000", "t=1700000001"), "{}"));
    assertFalse(DeliverySignature.verify("key", "garbage", "{}"));
    assertFalse(DeliverySignature.verify("key", null, "{}"));
  }

  @Test
  void allowedHostsRefuseOtherSchemesAndHosts() {
    AllowedHosts any = AllowedHosts.parse("");
    assertNull(any.refusal("https://hooks.example.com/x"));
    assertEquals("url must use http or https", any.refusal("file:///etc/passwd"));
    assertEquals("url must use http or https", any.refusal("gopher://example.com/"));

    AllowedHosts some = AllowedHosts.parse("localhost, .example.com");
    assertNull(some.refusal("http://localhost:8080/hook"));
    assertNull(some.refusal("https://hooks.example.com/x"));
    assertEquals(
        "url host evil.test is not in QM_WEBHOOK_ALLOWED_HOSTS",
        some.refusal("https://evil.test/x"));
    assertEquals(
        "url host example.com.evil.test is not in QM_WEBHOOK_ALLOWED_HOSTS",
        some.refusal("https://example.com.evil.test/x"));
  }
}
