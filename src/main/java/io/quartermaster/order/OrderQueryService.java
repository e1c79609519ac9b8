package io.quartermaster.order;

import io.helidon.common.uri.UriQuery;
import io.quartermaster.error.BadRequestException;
import io.quartermaster.error.NotFoundException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/** The read side of orders: ListOrders and ShowOrder (CONTRACT §2.1, §2.2), and the export. */
final class OrderQueryService {

  private final Jdbi jdbi;
  private final OrderQueryDao dao = new OrderQueryDao();
  private final RenderedOrders rendered = new RenderedOrders();
  private final OrderConfig config;
  private final Clock clock;
  private final ListMarkers markers;
  private final OrderExport export;

  /**
   * @param markerKey the key ListOrders' markers are signed with; the same on every instance
   */
  OrderQueryService(Jdbi jdbi, OrderConfig config, Clock clock, byte[] markerKey) {
    this.jdbi = jdbi;
    this.config = config;
    this.clock = clock;
    this.markers = new ListMarkers(markerKey);
    this.export = new OrderExport(jdbi, dao, config, clock);
  }

  /** The export of orders, which reads through the same DAO and filters. */
  OrderExport export() {
    return export;
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
    if (query.marker().isPresent()) {
      return listByMarker(projectId, query);
    }
    // The page and its count are one statement, one snapshot. Only a name check, a statement of
    // its own, needs a transaction to see the same snapshot; without one the request saves the
    // round trips of BEGIN, the isolation level and COMMIT.
    OrderQueryDao.OrderPage page =
        query.involvedName().isEmpty()
            ? jdbi.withHandle(h -> dao.list(h, projectId, query, rendered))
            : jdbi.inTransaction(
                TransactionIsolationLevel.REPEATABLE_READ,
                h -> {
                  checkKnown(h, projectId, query);
                  return dao.list(h, projectId, query, rendered);
                });
    return new OrderList(page.count(), page.orders());
  }

  /**
   * A page that starts where the query's marker says (the first for an empty one), and the marker
   * of the next page when more orders follow: the page after the last order of this one, however
   * many orders were placed since (they are newer, so they come before it).
   */
  private OrderList listByMarker(String projectId, OrderListQuery query) {
    Optional<ListMarkers.Position> after =
        markers.decode(query.marker().orElseThrow(), projectId, query);
    record Result(List<OrderRow> rows, long count) {}
    Result result =
        jdbi.inTransaction(
            TransactionIsolationLevel.REPEATABLE_READ,
            h -> {
              checkKnown(h, projectId, query);
              // One more than the page, to know whether another page follows.
              List<OrderRow> rows = dao.keysetPage(h, projectId, query, after, query.limit() + 1);
              return new Result(rows, dao.count(h, projectId, query));
            });
    List<OrderRow> page = result.rows().subList(0, Math.min(query.limit(), result.rows().size()));
    String next = null;
    if (result.rows().size() > query.limit()) {
      OrderRow last = page.getLast();
      next =
          markers.encode(
              new ListMarkers.Position(last.createdAt(), last.orderName()), projectId, query);
    }
    return new OrderList(
        result.count(), page.stream().map(Order::of).map(RenderedOrder::of).toList(), next);
  }

  private void checkKnown(Handle h, String projectId, OrderListQuery query) {
    if (query.involvedName().isPresent()
        && !dao.poolKnown(h, projectId, query.involvedName().get())) {
      throw NotFoundException.pool(query.involvedName().get());
    }
  }

  /**
   * The resource changes of the order named {@code nameOrId} (its orderName or orderId) that have
   * begun. An order of another project is not found, like a missing one.
   */
  OrderDetails show(String projectId, String nameOrId) {
    List<OrderItemProgressRow> items =
        jdbi.withHandle(h -> dao.showItems(h, projectId, nameOrId))
            .orElseThrow(() -> NotFoundException.order(nameOrId));
    return new OrderDetails(items.stream().map(OrderDetailItem::of).toList());
  }
}
