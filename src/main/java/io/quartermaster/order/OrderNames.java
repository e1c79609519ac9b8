package io.quartermaster.order;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.random.RandomGenerator;

/** The contract's generated names (CONTRACT §0): order names, order ids and node names. */
public final class OrderNames {

  private static final String LOWER = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final DateTimeFormatter ORDER_ID_TIME =
      DateTimeFormatter.ofPattern("yyMMddHHmm").withZone(ZoneOffset.UTC);

  private final RandomGenerator random;

  public OrderNames() {
    this(new SecureRandom());
  }

  OrderNames(RandomGenerator random) {
    this.random = random;
  }

  /** {@code order.{display name}-{5 of [a-z0-9]}}. */
  public String orderName(String poolDisplayName) {
    return "order." + poolDisplayName + "-" + randomOf(LOWER, 5);
  }

  /** {@code CS} + {@code yyMMddHHmm} of the placement time (UTC) + 5 of {@code [A-Z0-9]}. */
  public String orderId(Instant placedAt) {
    return "CS" + ORDER_ID_TIME.format(placedAt) + randomOf(UPPER, 5);
  }

  /** {@code os-node-created-{5 of [a-z0-9]}}. */
  public String nodeName() {
    return "os-node-created-" + randomOf(LOWER, 5);
  }

  private String randomOf(String alphabet, int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }
}
