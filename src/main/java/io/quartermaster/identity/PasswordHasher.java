package io.quartermaster.identity;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes with the JDK's PBKDF2-HMAC-SHA256. The encoded form, {@code
 * pbkdf2-sha256$iterations$salt$hash} (salt and hash in base64), carries its own parameters, so the
 * configured iteration count can be raised without invalidating stored passwords.
 */
final class PasswordHasher {

  static final String ALGORITHM_ID = "pbkdf2-sha256";
  private static final String JDK_ALGORITHM = "PBKDF2WithHmacSHA256";
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;

  private final SecureRandom random = new SecureRandom();
  private final int iterations;
  // Verified against for unknown users, so that a login with a wrong name costs as much time as
  // one with a wrong password and does not reveal which names exist.
  private final String decoy;

  PasswordHasher(int iterations) {
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be at least 1");
    }
    this.iterations = iterations;
    this.decoy = decoy();
  }

  String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    return encode(salt, derive(password, salt, iterations));
  }

  /**
   * A well-formed hash of this class's iterations that no password derives to: random bytes in
   * place of a derived key (a match would need a 256-bit collision). Verifying against it costs
   * what verifying against a real hash does, without spending a derivation at every start.
   */
  private String decoy() {
    byte[] salt = new byte[SALT_BYTES];
    byte[] key = new byte[HASH_BITS / 8];
    random.nextBytes(salt);
    random.nextBytes(key);
    return encode(salt, key);
  }

  private String encode(byte[] salt, byte[] hash) {
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return ALGORITHM_ID
        + "$"
        + iterations
        + "$"
        + b64.encodeToString(salt)
        + "$"
        + b64.encodeToString(hash);
  }

  /**
   * Whether {@code password} matches {@code encoded}, compared in constant time. A hash this class
   * cannot read never matches.
   */
  boolean verify(String password, String encoded) {
    String[] parts = encoded.split("\\$");
    if (parts.length != 4 || !parts[0].equals(ALGORITHM_ID) || !parts[1].matches("[1-9]\\d{0,8}")) {
      return false;
    }
    byte[] salt;
    byte[] expected;
    try {
      salt = Base64.getDecoder().decode(parts[2]);
      expected = Base64.getDecoder().decode(parts[3]);
    } catch (IllegalArgumentException e) {
      return false;
    }
    byte[] actual = derive(password, salt, Integer.parseInt(parts[1]));
    return MessageDigest.isEqual(expected, actual);
  }

  /** Spends the time of one {@link #verify} and fails; for logins naming no existing user. */
  boolean verifyNothing(String password) {
    verify(password, decoy);
    return false;
  }

  private static byte[] derive(String password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance(JDK_ALGORITHM).generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      // SunJCE has provided it since Java 8; a runtime without it cannot run the service.
      throw new IllegalStateException(JDK_ALGORITHM + " is not available", e);
    } finally {
      spec.clearPassword();
    }
  }
}
