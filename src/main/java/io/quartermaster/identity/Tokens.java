package io.quartermaster.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Opaque bearer tokens: 256 random bits in base64url, known to the database only by hash. */
final class Tokens {

  private static final int TOKEN_BYTES = 32;
  // What new tokens look like; anything else is refused before it reaches the database.
  private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private Tokens() {}

  static String newToken() {
    byte[] bytes = new byte[TOKEN_BYTES];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static boolean isWellFormed(String token) {
    return WELL_FORMED.matcher(token).matches();
  }

  /**
   * The hex SHA-256 under which a token is stored. A token carries 256 random bits, so a plain fast
   * hash is enough: there is nothing to guess that a salt or a slow hash would protect.
   */
  static String hash(String token) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }
}
