package io.quartermaster.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature a receiver checks on each notification: HMAC-SHA256 under the subscription's secret
 * over {@code timestamp + "." + body}, sent as {@code X-Quartermaster-Signature: t=<unix
 * seconds>,v1=<hex>}. The timestamp is inside the signed material so a captured request cannot be
 * replayed later with a fresh header.
 */
public final class DeliverySignature {
  public static final String HEADER = "X-Quartermaster-Signature";
  private static final String ALGORITHM = "HmacSHA256";

  private DeliverySignature() {}

  /** The header value for a body sent at {@code epochSeconds}. */
  public static String header(String secret, long epochSeconds, String body) {
    return "t=" + epochSeconds + ",v1=" + hex(secret, epochSeconds, body);
  }

  /** Whether a header value is a valid signature of the body under the secret. */
  public static boolean verify(String secret, String headerValue, String body) {
    if (headerValue == null) {
      return false;
    }
    String timestamp = null;
    String signature = null;
    for (String part : headerValue.split(",")) {
      String trimmed = part.trim();
      if (trimmed.startsWith("t=")) {
        timestamp = trimmed.substring(2);
      } else if (trimmed.startsWith("v1=")) {
        signature = trimmed.substring(3);
      }
    }
    if (timestamp == null || signature == null) {
      return false;
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp);
    } catch (NumberFormatException e) {
      return false;
    }
    // Constant-time comparison, so the check does not leak how much of a guess was right.
    return MessageDigest.isEqual(
        hex(secret, seconds, body).getBytes(StandardCharsets.US_ASCII),
        signature.getBytes(StandardCharsets.US_ASCII));
  }

  private static String hex(String secret, long epochSeconds, String body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
      byte[] digest = mac.doFinal((epochSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
