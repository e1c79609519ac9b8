package io.quartermaster.order;

import java.time.Duration;
import java.util.Objects;

/**
 * How the order feature is configured.
 *
 * @param listWindow how far back ListOrders can see (CONTRACT §2.1: a {@code since} before {@code
 *     now - listWindow} is raised to it)
 */
public record OrderConfig(Duration listWindow) {

  public static final Duration DEFAULT_LIST_WINDOW = Duration.ofDays(30);

  public OrderConfig {
    Objects.requireNonNull(listWindow, "listWindow");
    if (listWindow.isNegative() || listWindow.isZero()) {
      throw new IllegalArgumentException("listWindow must be positive: " + listWindow);
    }
  }

  public static OrderConfig defaults() {
    return new OrderConfig(DEFAULT_LIST_WINDOW);
  }
}
