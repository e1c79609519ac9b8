package io.quartermaster.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.db.DatabaseConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerKeyTest {

  private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

  @TempDir Path dataDir;

  private static IdentityConfig identity(Optional<String> secretKey) {
    return new IdentityConfig(
        Optional.empty(), Duration.ofHours(1), 1, secretKey, LoginThrottleConfig.DEFAULT);
  }

  private DatabaseConfig database(Optional<String> externalUrl) {
    return new DatabaseConfig(dataDir, externalUrl, "postgres", "", 1, false);
  }

  @Test
  void aConfiguredKeyIsUsedAndNothingIsWritten() {
    ServerKey key =
        ServerKey.resolve(identity(Optional.of(KEY)), database(Optional.empty())).orElseThrow();
    assertEquals(ServerKey.fromBase64(KEY).id(), key.id());
    assertFalse(Files.exists(dataDir.resolve(ServerKey.FILE_NAME)));
    ServerKey external =
        ServerKey.resolve(
                identity(Optional.of(KEY)), database(Optional.of("jdbc:postgresql://db/qm")))
            .orElseThrow();
    assertEquals(key.id(), external.id());
  }

  @Test
  void theEmbeddedDatabaseGetsAKeyFileMadeOnceWithOwnerOnlyPermissions() throws Exception {
    ServerKey first =
        ServerKey.resolve(identity(Optional.empty()), database(Optional.empty())).orElseThrow();
    Path file = dataDir.resolve(ServerKey.FILE_NAME);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(32, Base64.getDecoder().decode(Files.readString(file).strip()).length);
    ServerKey again =
        ServerKey.resolve(identity(Optional.empty()), database(Optional.empty())).orElseThrow();
    assertEquals(first.id(), again.id());
    assertFalse(Files.exists(dataDir.resolve(ServerKey.FILE_NAME + ".partial")));
  }

  @Test
  void anExternalDatabaseWithoutAConfiguredKeyHasNone() {
    assertEquals(
        Optional.empty(),
        ServerKey.resolve(
            identity(Optional.empty()), database(Optional.of("jdbc:postgresql://db/qm"))));
    assertFalse(Files.exists(dataDir.resolve(ServerKey.FILE_NAME)));
  }

  @Test
  void aDamagedKeyFileStopsTheStartInsteadOfMakingANewKey() throws Exception {
    Files.writeString(dataDir.resolve(ServerKey.FILE_NAME), "not a key");
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> ServerKey.resolve(identity(Optional.empty()), database(Optional.empty())));
    assertTrue(e.getMessage().endsWith("does not hold 32 bytes in base64"), e.getMessage());
  }

  @Test
  void aSealedSecretOpensOnlyWithItsKeyAndItsContext() {
    ServerKey key = ServerKey.fromFile(dataDir.resolve("a.key"));
    ServerKey other = ServerKey.fromFile(dataDir.resolve("b.key"));
    assertNotEquals(key.id(), other.id());
    byte[] sealed = key.seal("the-secret", "AKAKAKAKAKAKAKAKAKAK");

    assertEquals(Optional.of("the-secret"), key.open(sealed, "AKAKAKAKAKAKAKAKAKAK"));
    assertEquals(Optional.empty(), key.open(sealed, "BKBKBKBKBKBKBKBKBKBK"));
    assertEquals(Optional.empty(), other.open(sealed, "AKAKAKAKAKAKAKAKAKAK"));
    sealed[sealed.length - 1] ^= 1;
    assertEquals(Optional.empty(), key.open(sealed, "AKAKAKAKAKAKAKAKAKAK"));
    assertEquals(Optional.empty(), key.open(new byte[5], "AKAKAKAKAKAKAKAKAKAK"));
    // A fresh nonce each time: the same secret never seals to the same bytes.
    assertNotEquals(
        Base64.getEncoder().encodeToString(key.seal("s", "c")),
        Base64.getEncoder().encodeToString(key.seal("s", "c")));
  }

  @Test
  void onlyThirtyTwoBytesInBase64AreAKey() {
    assertTrue(ServerKey.isValid(KEY));
    assertFalse(ServerKey.isValid(Base64.getEncoder().encodeToString(new byte[16])));
    assertFalse(ServerKey.isValid("not base64!"));
    assertFalse(ServerKey.fromBase64(KEY).toString().contains(KEY));
  }
}
