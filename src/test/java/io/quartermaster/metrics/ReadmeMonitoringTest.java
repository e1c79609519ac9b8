package io.quartermaster.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's monitoring section: its scrape configuration and alert rule parse, and every metric
 * they and its table name is one the service serves.
 */
class ReadmeMonitoringTest {

  private static final Pattern METRIC = Pattern.compile("\\b((?:qm|http_server|hikaricp)_[a-z_]+)");

  private final String readme = read();

  @Test
  void theScrapeConfigurationScrapesTheMetricsPath() throws Exception {
    JsonNode scrape = yaml("prometheus-scrape").get("scrape_configs").get(0);
    assertEquals("/metrics", scrape.get("metrics_path").asText());
    assertEquals(200, TestServer.get().client().get(scrape.get("metrics_path").asText()).status());
  }

  @Test
  void theAlertRuleNamesMetricsTheServiceServes() throws Exception {
    JsonNode rule = yaml("prometheus-rules").get("groups").get(0).get("rules").get(0);
    assertEquals("QuartermasterOrdersStuckInProcessing", rule.get("alert").asText());
    Set<String> named = metrics(rule.get("expr").asText() + rule.get("annotations").toString());
    assertTrue(named.contains("qm_orders_oldest_processing_seconds"), named::toString);
    assertServed(named);
  }

  @Test
  void everyMetricOfTheSectionIsServed() {
    int start = readme.indexOf("## Monitoring with Prometheus");
    String section = readme.substring(start, readme.indexOf("\n## ", start + 1));
    Set<String> named = metrics(section);
    assertTrue(named.size() > 10, named::toString);
    assertServed(named);
  }

  private static void assertServed(Set<String> names) {
    HttpResult result = TestServer.get().client().get("/metrics");
    Scrape scrape = Scrape.parse(result.rawBody());
    Set<String> missing = new TreeSet<>();
    for (String name : names) {
      // A histogram's table name stands for its _count, _sum and _bucket series; a name that
      // ends in "_" is a prefix the table abbreviates.
      boolean served =
          scrape.series().stream()
              .anyMatch(s -> s.name().equals(name) || s.name().startsWith(name + "_"));
      if (!served) {
        missing.add(name);
      }
    }
    assertEquals(Set.of(), missing, "named in the README but not served");
  }

  private static Set<String> metrics(String text) {
    Set<String> names = new TreeSet<>();
    Matcher m = METRIC.matcher(text);
    while (m.find()) {
      String name = m.group(1);
      if (!name.endsWith("_")) {
        names.add(name);
      }
    }
    return names;
  }

  private JsonNode yaml(String marker) throws Exception {
    Pattern block =
        Pattern.compile(
            "<!-- " + marker + ":start -->\\s*```yaml\\n(.*?)```\\s*<!-- " + marker + ":end -->",
            Pattern.DOTALL);
    Matcher m = block.matcher(readme);
    assertTrue(m.find(), "README.md has no " + marker + " block");
    return new YAMLMapper().readTree(m.group(1));
  }

  private static String read() {
    try {
      return Files.readString(Path.of("README.md"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
