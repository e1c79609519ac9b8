package io.quartermaster.app;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.quartermaster.db.Database;
import io.quartermaster.http.HttpExchange;
import java.util.Map;

/** {@code GET /health}: answers 200 when the database answers, for probes and start scripts. */
final class HealthApi implements HttpService {

  private final Database database;

  HealthApi(Database database) {
    this.database = database;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get("/health", this::health);
  }

  private void health(ServerRequest req, ServerResponse res) {
    database.jdbi().withHandle(h -> h.createQuery("select 1").mapTo(Integer.class).one());
    HttpExchange.ok(res, Map.of("status", "UP"));
  }
}
