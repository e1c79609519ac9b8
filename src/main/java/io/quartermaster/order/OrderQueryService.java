package io.quartermaster.order;

import io.helidon.common.uri.UriQuery;
import io.quartermaster.error.NotFoundException;
import java.time.Clock;
import java.util.List;

/** The read side of orders: ListOrders and ShowOrder (CONTRACT §2.1, §2.2). */
public final class OrderQueryService {

  private final OrderDao dao;
  private final OrderConfig config;
  private final Clock clock;

  public OrderQueryService(OrderDao dao, OrderConfig config, Clock clock) {
    this.dao = dao;
    this.config = config;
    this.clock = clock;
  }

  /** Parses a ListOrders query string against this service's clock and listing window. */
  OrderListQuery parse(UriQuery query) {
    return OrderListQuery.parse(query, config, clock);
  }

  /**
   * One page of the project's orders, newest first.
   *
   * @throws NotFoundException when {@code involvedName} names no pool of the project
   */
  OrderList list(String projectId, OrderListQuery query) {
    query
        .involvedName()
        .filter(name -> !dao.poolKnown(projectId, name))
        .ifPresent(
            name -> {
              throw NotFoundException.pool(name);
            });
    OrderDao.OrderPage page = dao.list(projectId, query);
    return new OrderList(page.count(), page.rows().stream().map(Order::of).toList());
  }

  /**
   * The resource changes of the order named {@code nameOrId} (its orderName or orderId) that have
   * begun. An order of another project is not found, like a missing one.
   */
  OrderDetails show(String projectId, String nameOrId) {
    OrderRow order =
        dao.find(projectId, nameOrId).orElseThrow(() -> NotFoundException.order(nameOrId));
    List<OrderDetailItem> items =
        dao.visibleItems(order.id()).stream().map(OrderDetailItem::of).toList();
    return new OrderDetails(items);
  }
}
