package io.quartermaster.metrics;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;

/** {@code GET /metrics}: every meter in Prometheus' text format. No authentication, by design. */
public final class MetricsService implements HttpService {

  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final Metrics metrics;

  public MetricsService(Metrics metrics) {
    if (!metrics.enabled()) {
      throw new IllegalArgumentException("metrics are off: there is nothing to serve");
    }
    this.metrics = metrics;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get("/metrics", this::scrape);
  }

  private void scrape(ServerRequest req, ServerResponse res) {
    byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
    res.header(HeaderNames.CONTENT_TYPE, CONTENT_TYPE);
    res.send(body);
  }
}
