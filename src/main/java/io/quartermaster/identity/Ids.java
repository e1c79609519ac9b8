package io.quartermaster.identity;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Project and user ids: 32 lowercase hex characters, like the vendor's project ids. */
final class Ids {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

  private Ids() {}

  static String newId() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  static boolean isId(String value) {
    return ID.matcher(value).matches();
  }
}
