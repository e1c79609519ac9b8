package io.quartermaster.pool;

import io.helidon.common.uri.UriQuery;
import io.quartermaster.error.BadRequestException;
import java.util.Optional;

/**
 * A page of ListNodes: at most {@code limit} nodes (1–500, default 500) after the node named by
 * {@code continue}, which is the last name of the previous page.
 */
record NodePage(int limit, Optional<String> after) {

  static final int MAX_LIMIT = 500;

  static NodePage parse(UriQuery query) {
    Optional<String> limitText = query.first("limit").asOptional().filter(v -> !v.isEmpty());
    int limit = MAX_LIMIT;
    if (limitText.isPresent()) {
      try {
        limit = Integer.parseInt(limitText.get());
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > MAX_LIMIT) {
        throw BadRequestException.because("limit must be an integer between 1 and " + MAX_LIMIT);
      }
    }
    return new NodePage(limit, query.first("continue").asOptional().filter(v -> !v.isEmpty()));
  }
}
