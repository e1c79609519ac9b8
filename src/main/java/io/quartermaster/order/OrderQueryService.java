package io.quartermaster.order;

import io.helidon.common.uri.UriQuery;
import io.quartermaster.error.BadRequestException;
import io.quartermaster.error.NotFoundException;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/** The read side of orders: ListOrders and ShowOrder (CONTRACT §2.1, §2.2). */
final class OrderQueryService {

  private final Jdbi jdbi;
  private final OrderQueryDao dao = new OrderQueryDao();
  private final OrderConfig config;
  private final Clock clock;

  OrderQueryService(Jdbi jdbi, OrderConfig config, Clock clock) {
    this.jdbi = jdbi;
    this.config = config;
    this.clock = clock;
  }

  /**
   * One page of the project's orders, newest first, as the ListOrders query string selects them; it
   * is read against this service's clock and listing window.
   *
   * @throws BadRequestException naming the query parameter that breaks a rule
   * @throws NotFoundException when {@code involvedName} names no pool of the project
   */
  OrderList list(String projectId, UriQuery queryString) {
    OrderListQuery query = OrderListQuery.parse(queryString, config, clock);
    // One snapshot for the name check, the page and the count, so that they agree.
    OrderQueryDao.OrderPage page =
        jdbi.inTransaction(
            TransactionIsolationLevel.REPEATABLE_READ,
            h -> {
              if (query.involvedName().isPresent()
                  && !dao.poolKnown(h, projectId, query.involvedName().get())) {
                throw NotFoundException.pool(query.involvedName().get());
              }
              return dao.list(h, projectId, query);
            });
    return new OrderList(page.count(), page.rows().stream().map(Order::of).toList());
  }

  /**
   * The resource changes of the order named {@code nameOrId} (its orderName or orderId) that have
   * begun. An order of another project is not found, like a missing one.
   */
  OrderDetails show(String projectId, String nameOrId) {
    List<OrderItemProgressRow> items =
        jdbi.withHandle(
            h -> {
              OrderRow order =
                  dao.find(h, projectId, nameOrId)
                      .orElseThrow(() -> NotFoundException.order(nameOrId));
              return dao.visibleItems(h, order.id());
            });
    return new OrderDetails(items.stream().map(OrderDetailItem::of).toList());
  }
}
