package io.quartermaster.order;

import com.fasterxml.jackson.databind.SequenceWriter;
import io.helidon.common.uri.UriQuery;
import io.quartermaster.error.NotFoundException;
import io.quartermaster.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code GET /v1/{project_id}/orders/export} (an extension): every order that ListOrders' filters
 * select within retention (not only ListOrders' window), newest first, streamed in keyset batches
 * so that memory stays flat however many orders there are. Each batch is a short read of its own: a
 * slow client holds no connection of the pool between batches, and orders placed meanwhile are
 * newer than the export's {@code until}, so they cannot shift it.
 */
final class OrderExport {

  static final int BATCH = 1_000;

  private final Jdbi jdbi;
  private final OrderQueryDao dao;
  private final OrderConfig config;
  private final Clock clock;

  OrderExport(Jdbi jdbi, OrderQueryDao dao, OrderConfig config, Clock clock) {
    this.jdbi = jdbi;
    this.dao = dao;
    this.config = config;
    this.clock = clock;
  }

  /** ListOrders' filters, with {@code since} raised to the start of retention. */
  OrderListQuery parse(UriQuery query) {
    return OrderListQuery.filters(query, config.retention(), clock);
  }

  /**
   * Checks what can fail with a status, before anything is written.
   *
   * @throws NotFoundException when {@code involvedName} names no pool of the project
   */
  void check(String projectId, OrderListQuery query) {
    if (query.involvedName().isPresent()
        && !jdbi.withHandle(h -> dao.poolKnown(h, projectId, query.involvedName().get()))) {
      throw NotFoundException.pool(query.involvedName().get());
    }
  }

  /** Writes every matching order to {@code out}; returns how many. */
  long write(String projectId, OrderListQuery query, ExportFormat format, OutputStream out)
      throws IOException {
    try (SequenceWriter csv = format == ExportFormat.CSV ? OrderCsv.writer(out) : null) {
      long written = 0;
      Optional<ListMarkers.Position> after = Optional.empty();
      while (true) {
        Optional<ListMarkers.Position> from = after;
        List<OrderRow> rows =
            jdbi.withHandle(h -> dao.keysetPage(h, projectId, query, from, BATCH));
        for (OrderRow row : rows) {
          Order order = Order.of(row);
          if (csv != null) {
            csv.write(OrderCsv.Row.of(order));
          } else {
            out.write(Json.mapper().writeValueAsBytes(order));
            out.write('\n');
          }
        }
        written += rows.size();
        if (rows.size() < BATCH) {
          return written;
        }
        OrderRow last = rows.getLast();
        after = Optional.of(new ListMarkers.Position(last.createdAt(), last.orderName()));
      }
    }
  }
}
