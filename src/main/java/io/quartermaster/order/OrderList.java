package io.quartermaster.order;

import java.util.List;

/**
 * The ListOrders response.
 *
 * @param count how many orders match the filters, across all pages
 */
record OrderList(long count, List<Order> items) {

  OrderList {
    items = List.copyOf(items);
  }
}
