package io.quartermaster.app;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.quartermaster.db.Database;
import io.quartermaster.db.DatabaseFailures;
import io.quartermaster.http.HttpExchange;
import java.util.Map;

/**
 * {@code GET /health}: 200 when the database answers, for probes and start scripts; 503 while it
 * does not, so that a load balancer sends callers elsewhere until it does again. The service itself
 * needs no restart: it reconnects on its own.
 */
final class HealthApi implements HttpService {

  /** Seconds a probe is asked to wait before looking again during an outage. */
  private static final String RETRY_AFTER = "5";

  private final Database database;

  HealthApi(Database database) {
    this.database = database;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get("/health", this::health);
  }

  private void health(ServerRequest req, ServerResponse res) {
    if (!database.availability().available()) {
      unavailable(res);
      return;
    }
    try {
      database.jdbi().withHandle(h -> h.createQuery("select 1").mapTo(Integer.class).one());
    } catch (RuntimeException e) {
      if (!DatabaseFailures.isUnavailable(e)) {
        throw e;
      }
      database.availability().suspect();
      unavailable(res);
      return;
    }
    HttpExchange.ok(res, Map.of("status", "UP"));
  }

  private static void unavailable(ServerResponse res) {
    res.header("Retry-After", RETRY_AFTER);
    HttpExchange.send(res, 503, Map.of("status", "DOWN", "database", "unreachable"));
  }
}
