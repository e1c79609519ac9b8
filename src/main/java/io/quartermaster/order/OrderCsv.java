package io.quartermaster.order;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.quartermaster.db.Sql;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Orders as CSV rows (RFC 4180, with a header line): the fields of the Order that ListOrders
 * returns, one column each, in its order; the flavor counts, which are lists, as their JSON text.
 * Empty cells stand for omitted fields.
 *
 * <p>Free text that neither the service nor a name rule shapes (a provider's fail reason, a user's
 * name) is written so that a spreadsheet opening the file shows it as text and never runs it as a
 * formula: such a cell that starts with {@code = + - @}, a tab or a carriage return gets a leading
 * {@code '}. The NDJSON export carries the same fields unchanged.
 */
final class OrderCsv {

  @JsonPropertyOrder({
    "creationTimestamp",
    "beginTimestamp",
    "endTimestamp",
    "orderName",
    "orderId",
    "resourceName",
    "resourceDisplayName",
    "workspaceId",
    "initCount",
    "specCount",
    "resultCount",
    "billingMode",
    "periodType",
    "periodNum",
    "operation",
    "phase",
    "failReason",
    "createdByUserId",
    "createdByUserName"
  })
  record Row(
      long creationTimestamp,
      long beginTimestamp,
      long endTimestamp,
      String orderName,
      String orderId,
      String resourceName,
      String resourceDisplayName,
      String workspaceId,
      String initCount,
      String specCount,
      String resultCount,
      String billingMode,
      String periodType,
      String periodNum,
      String operation,
      String phase,
      String failReason,
      String createdByUserId,
      String createdByUserName) {

    static Row of(Order order) {
      return new Row(
          order.creationTimestamp(),
          order.beginTimestamp(),
          order.endTimestamp(),
          order.orderName(),
          order.orderId(),
          order.resourceName(),
          order.resourceDisplayName(),
          order.workspaceId(),
          json(order.initCount()),
          json(order.specCount()),
          json(order.resultCount()),
          order.billingMode(),
          order.periodType(),
          order.periodNum(),
          order.operation(),
          order.phase(),
          asText(order.failReason()),
          order.createdBy() == null ? null : order.createdBy().userId(),
          order.createdBy() == null ? null : asText(order.createdBy().userName()));
    }

    /** The cell, with a leading {@code '} where a spreadsheet would take it for a formula. */
    static String asText(String cell) {
      if (cell == null || cell.isEmpty() || FORMULA_STARTS.indexOf(cell.charAt(0)) < 0) {
        return cell;
      }
      return "'" + cell;
    }

    private static String json(List<?> counts) {
      return counts == null ? null : Sql.json(counts);
    }
  }

  /**
   * The first characters by which spreadsheets recognise a formula (OWASP's CSV injection list).
   */
  private static final String FORMULA_STARTS = "=+-@\t\r";

  private static final CsvMapper MAPPER = new CsvMapper();
  private static final CsvSchema SCHEMA = MAPPER.schemaFor(Row.class).withHeader();

  private OrderCsv() {}

  /**
   * A writer of rows to {@code out}; the header goes first. Closing it does not close {@code out}.
   */
  static SequenceWriter writer(OutputStream out) throws IOException {
    return MAPPER
        .writer(SCHEMA)
        .without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
        .writeValues(out);
  }
}
