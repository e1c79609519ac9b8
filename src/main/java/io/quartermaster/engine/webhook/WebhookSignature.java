package io.quartermaster.engine.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook request: {@code sha256=} and the hex HMAC-SHA256, keyed with the
 * shared secret, of the timestamp header, a dot and the body's exact bytes. Signing the timestamp
 * with the body lets the endpoint refuse a captured request replayed later.
 */
public final class WebhookSignature {

  public static final String PREFIX = "sha256=";
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  public WebhookSignature(String secret) {
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
  }

  /** The value of {@code X-Quartermaster-Signature} for a request sent at {@code timestamp}. */
  public String sign(long timestamp, byte[] body) {
    try {
      // A Mac is not thread-safe, and the engine signs from several workers at once.
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
      return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      // Every JDK ships HmacSHA256, and any key bytes are valid for it.
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  @Override
  public String toString() {
    return "WebhookSignature[key=<redacted>]";
  }
}
