package io.quartermaster.order;

import java.util.List;

/**
 * The ListOrders response; its orders are written as {@link Order}s are.
 *
 * @param count how many orders match the filters, across all pages
 * @param nextMarker where the next page starts, when the caller pages by marker (an extension) and
 *     more orders follow; omitted otherwise, so vendor clients never see it
 */
record OrderList(long count, List<RenderedOrder> items, String nextMarker) {

  OrderList {
    items = List.copyOf(items);
  }

  OrderList(long count, List<RenderedOrder> items) {
    this(count, items, null);
  }
}
