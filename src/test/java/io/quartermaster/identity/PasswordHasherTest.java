package io.quartermaster.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

  private final PasswordHasher hasher = new PasswordHasher(1000);

  @Test
  void encodedHashNamesAlgorithmIterationsSaltAndHash() {
    String encoded = hasher.hash("s3cret-password");
    String[] parts = encoded.split("\\$");
    assertEquals(4, parts.length, encoded);
    assertEquals("pbkdf2-sha256", parts[0]);
    assertEquals("1000", parts[1]);
    assertEquals(16, Base64.getDecoder().decode(parts[2]).length);
    assertEquals(32, Base64.getDecoder().decode(parts[3]).length);
    assertFalse(encoded.contains("s3cret-password"));
  }

  @Test
  void verifiesTheRightPasswordOnly() {
    String encoded = hasher.hash("s3cret-password");
    assertTrue(hasher.verify("s3cret-password", encoded));
    assertFalse(hasher.verify("s3cret-passwore", encoded));
    assertFalse(hasher.verify("", encoded));
  }

  @Test
  void theSamePasswordHashesDifferentlyEachTime() {
    assertNotEquals(hasher.hash("s3cret-password"), hasher.hash("s3cret-password"));
  }

  @Test
  void storedHashesKeepWorkingWhenTheIterationCountChanges() {
    String old = hasher.hash("s3cret-password");
    PasswordHasher stronger = new PasswordHasher(2000);
    assertTrue(stronger.verify("s3cret-password", old));
    assertTrue(stronger.hash("x-password").startsWith("pbkdf2-sha256$2000$"));
  }

  @Test
  void matchesTheStandardPbkdf2HmacSha256TestVector() {
    // RFC 7914 §11: PBKDF2-HMAC-SHA256, P="passwd", S="salt", c=1; its first 32 bytes.
    byte[] expected =
        HexFormat.of().parseHex("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc");
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    String encoded =
        "pbkdf2-sha256$1$"
            + b64.encodeToString("salt".getBytes(StandardCharsets.US_ASCII))
            + "$"
            + b64.encodeToString(expected);
    assertTrue(hasher.verify("passwd", encoded));
    assertFalse(hasher.verify("passwe", encoded));
  }

  @Test
  void unreadableHashesNeverMatch() {
    String good = hasher.hash("s3cret-password");
    String[] parts = good.split("\\$");
    for (String bad :
        new String[] {
          "",
          "s3cret-password",
          "md5$1000$" + parts[2] + "$" + parts[3],
          "pbkdf2-sha256$0$" + parts[2] + "$" + parts[3],
          "pbkdf2-sha256$many$" + parts[2] + "$" + parts[3],
          "pbkdf2-sha256$1000$!!!$" + parts[3],
          "pbkdf2-sha256$1000$" + parts[2],
        }) {
      assertFalse(hasher.verify("s3cret-password", bad), bad);
    }
  }

  @Test
  void verifyingForAnUnknownUserFails() {
    assertFalse(hasher.verifyNothing("decoy password, never matches"));
  }
}
