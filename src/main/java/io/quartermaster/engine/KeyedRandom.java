package io.quartermaster.engine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Random numbers per idempotency key: asked again for the same key, it answers a generator that
 * draws the same numbers. The simulated provider draws an operation's fate from it, so a replay of
 * the operation after a crash or a restart meets the fate the first attempt met.
 */
@FunctionalInterface
interface KeyedRandom {

  RandomGenerator forKey(String idempotencyKey);

  /** Generators seeded by a hash of {@code seed} and the key. */
  static KeyedRandom seeded(long seed) {
    return key -> new SplittableRandom(mix(seed, key));
  }

  private static long mix(long seed, String key) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(ByteBuffer.allocate(Long.BYTES).putLong(seed).array());
      sha256.update(key.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(sha256.digest()).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
