package io.quartermaster.order;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The JSON of recently listed orders, by row version, so that a ListOrders page writes each order
 * once and then copies it: reading twenty columns, mapping them and serializing them was most of a
 * page's server time, for orders that mostly never change again once finished.
 *
 * <p>The key is the order's id and the {@code xmin} of the row version the page read: PostgreSQL
 * writes a new row version, with the id of the transaction that wrote it, for every update, and a
 * reader sees only committed versions, so a key names one content of the row. {@code xmin} is a
 * 32-bit counter that wraps after about four billion transactions; entries expire long before a
 * transaction id can come round again. The cache holds at most {@link #MAX_ORDERS} orders (about 1
 * KiB each), bounded in the heap whatever the number of orders.
 */
final class RenderedOrders {

  static final int MAX_ORDERS = 10_000;
  private static final Duration KEPT_FOR = Duration.ofMinutes(10);

  private record RowVersion(long id, long xmin) {}

  /** Reads the columns of an order row; called only when its version is not rendered yet. */
  @FunctionalInterface
  interface RowSource {
    OrderRow read() throws SQLException;
  }

  private final Cache<RowVersion, RenderedOrder> rendered =
      Caffeine.newBuilder().maximumSize(MAX_ORDERS).expireAfterWrite(KEPT_FOR).build();

  /** The JSON of the order row {@code id} at version {@code xmin}, rendered once. */
  RenderedOrder of(long id, long xmin, RowSource row) throws SQLException {
    RowVersion key = new RowVersion(id, xmin);
    RenderedOrder known = rendered.getIfPresent(key);
    if (known != null) {
      return known;
    }
    RenderedOrder fresh = RenderedOrder.of(Order.of(row.read()));
    rendered.put(key, fresh);
    return fresh;
  }
}
