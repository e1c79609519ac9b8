package io.quartermaster.order;

import io.helidon.common.uri.UriQuery;
import io.quartermaster.error.BadRequestException;

/** The formats of {@code GET /v1/{project_id}/orders/export}: one order a line or a CSV table. */
enum ExportFormat {
  NDJSON("application/x-ndjson", "ndjson"),
  CSV("text/csv; charset=utf-8", "csv");

  private final String contentType;
  private final String extension;

  ExportFormat(String contentType, String extension) {
    this.contentType = contentType;
    this.extension = extension;
  }

  String contentType() {
    return contentType;
  }

  String extension() {
    return extension;
  }

  /** The {@code format} parameter; NDJSON when absent or empty. */
  static ExportFormat of(UriQuery query) {
    String value = query.first("format").orElse("");
    return switch (value) {
      case "", "ndjson" -> NDJSON;
      case "csv" -> CSV;
      default -> throw BadRequestException.because("format must be ndjson or csv");
    };
  }
}
