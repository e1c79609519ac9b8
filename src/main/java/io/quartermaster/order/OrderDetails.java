package io.quartermaster.order;

import java.util.List;

/** The ShowOrder response: the order's visible resource changes. */
record OrderDetails(int count, List<OrderDetailItem> items) {

  OrderDetails(List<OrderDetailItem> items) {
    this(items.size(), List.copyOf(items));
  }
}
