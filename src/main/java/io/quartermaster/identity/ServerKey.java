package io.quartermaster.identity;

import io.quartermaster.db.DatabaseConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server key that access key secrets and notification subscriptions' secrets are encrypted
 * under, with AES-GCM. Secrets must be recoverable (an HMAC is checked with the secret itself), so
 * they cannot be hashed like tokens; keeping the key out of the database means that a dump of the
 * database reveals no secret.
 *
 * <p>Where the key comes from: {@code QM_SECRET_KEY} when set. Otherwise, with the embedded
 * database, a key generated on first start and kept in {@code secret.key} in the data directory
 * (owner-only permissions), beside but not inside the database files. With an external database and
 * no {@code QM_SECRET_KEY} there is no key: several instances may share that database, and a key
 * made by one of them, or stored in the database itself, would be either unusable by the others or
 * no protection at all. Access keys are then switched off until a key is configured.
 */
public final class ServerKey {

  static final String FILE_NAME = "secret.key";
  private static final int KEY_BYTES = 32;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final System.Logger LOG = System.getLogger(ServerKey.class.getName());

  private final SecretKey key;
  private final String id;

  private ServerKey(byte[] bytes) {
    this.key = new SecretKeySpec(bytes, "AES");
    this.id = fingerprint(bytes);
  }

  /** The key configured, or kept in the data directory, or none (see the class comment). */
  public static Optional<ServerKey> resolve(IdentityConfig identity, DatabaseConfig database) {
    if (identity.secretKey().isPresent()) {
      return Optional.of(fromBase64(identity.secretKey().get()));
    }
    if (database.externalUrl().isPresent()) {
      LOG.log(
          Level.WARNING,
          "QM_SECRET_KEY is not set and the database is external: access keys (AK/SK) are"
              + " switched off. Set QM_SECRET_KEY (32 random bytes in base64) on every instance.");
      return Optional.empty();
    }
    return Optional.of(fromFile(database.dataDir().resolve(FILE_NAME)));
  }

  /** The key kept in {@code file}, made there first when there is none. */
  static ServerKey fromFile(Path file) {
    return new ServerKey(loadOrCreate(file));
  }

  /** The key of {@code QM_SECRET_KEY}'s value. */
  static ServerKey fromBase64(String base64) {
    return new ServerKey(decode(base64));
  }

  /** Whether {@code base64} is a usable {@code QM_SECRET_KEY}. */
  public static boolean isValid(String base64) {
    try {
      decode(base64);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static byte[] decode(String base64) {
    byte[] bytes = Base64.getDecoder().decode(base64.strip());
    if (bytes.length != KEY_BYTES) {
      throw new IllegalArgumentException("a server key is " + KEY_BYTES + " bytes");
    }
    return bytes;
  }

  /**
   * Reads the key file a first start made, or makes it: written to a temporary file with owner-only
   * permissions, then renamed, so that a crash never leaves a partial key behind. The data
   * directory's lock, held by the embedded database, keeps two processes from doing this at once.
   */
  private static byte[] loadOrCreate(Path file) {
    Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
    try {
      if (Files.exists(file)) {
        if (!Files.getPosixFilePermissions(file).equals(ownerOnly)) {
          LOG.log(Level.WARNING, file + " should be readable by its owner only (chmod 600)");
        }
        try {
          return decode(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
          throw new IllegalStateException(file + " does not hold 32 bytes in base64", e);
        }
      }
      byte[] fresh = new byte[KEY_BYTES];
      RANDOM.nextBytes(fresh);
      Path partial = file.resolveSibling(file.getFileName() + ".partial");
      Files.deleteIfExists(partial);
      Files.createFile(partial, PosixFilePermissions.asFileAttribute(ownerOnly));
      Files.writeString(partial, Base64.getEncoder().encodeToString(fresh) + "\n");
      Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
      return fresh;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the server key " + file, e);
    }
  }

  /** A fingerprint that tells keys apart without revealing them. */
  String id() {
    return id;
  }

  /** Encrypts {@code secret}, bound to {@code context}: nonce, then ciphertext and tag. */
  public byte[] seal(String secret, String context) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, context);
      byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is required of every Java runtime", e);
    }
  }

  /** Decrypts what {@link #seal} made for the same {@code context}; empty if it does not open. */
  public Optional<String> open(byte[] sealed, String context) {
    if (sealed.length <= NONCE_BYTES) {
      return Optional.empty();
    }
    try {
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(sealed, NONCE_BYTES), context);
      byte[] plain = cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
      return Optional.of(new String(plain, StandardCharsets.UTF_8));
    } catch (javax.crypto.AEADBadTagException e) {
      return Optional.empty();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is required of every Java runtime", e);
    }
  }

  private Cipher cipher(int mode, byte[] nonce, String context) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
    return cipher;
  }

  private static String fingerprint(byte[] key) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update("quartermaster server key\n".getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(sha256.digest(key), 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }

  @Override
  public String toString() {
    return "ServerKey[" + id + "]";
  }
}
