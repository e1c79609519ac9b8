package io.quartermaster.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.quartermaster.bench.BulkOrders;
import io.quartermaster.json.Json;
import io.quartermaster.pool.PoolRow;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/{project_id}/orders/export} (an extension): every order within retention that
 * ListOrders' filters select, each the Order that ListOrders returns, as NDJSON or CSV, over more
 * than one of the export's batches.
 */
class OrderExportTest {

  private static final TestServer SERVER = TestServer.get();
  private static final int LOADED = OrderExport.BATCH * 2 + 345;

  private static Tenant tenant;
  private static String old;

  @BeforeAll
  static void aProjectWithManyOrders() throws Exception {
    tenant = SERVER.newTenant();
    Instant now = SERVER.clock().instant();
    SERVER
        .jdbi()
        .useHandle(
            h ->
                BulkOrders.load(
                    h.getConnection(),
                    List.of(tenant.projectId()),
                    new BulkOrders.Options(LOADED, 1, Duration.ofDays(20), now, 11)));
    // Older than ListOrders' window (30 days), within retention (90 days): exported all the same.
    OrderFixtures fixtures = new OrderFixtures(SERVER.jdbi());
    Instant sixtyDaysAgo = now.minus(Duration.ofDays(60)).truncatedTo(ChronoUnit.MILLIS);
    PoolRow pool = fixtures.pool(tenant.projectId(), "pool-old", "0", sixtyDaysAgo);
    old = fixtures.order(pool, sixtyDaysAgo).failed("Too old to matter.").insert().orderName();
  }

  private static HttpResult export(String query) {
    return tenant.viewer().get("/v1/" + tenant.projectId() + "/orders/export" + query);
  }

  /** Every order ListOrders shows, page after page by marker. */
  private static List<JsonNode> listedByMarker(String filters) {
    List<JsonNode> all = new ArrayList<>();
    String marker = "";
    while (marker != null) {
      HttpResult page =
          tenant
              .viewer()
              .get(
                  "/v1/"
                      + tenant.projectId()
                      + "/orders?limit=500"
                      + filters
                      + "&marker="
                      + URLEncoder.encode(marker, StandardCharsets.UTF_8));
      assertEquals(200, page.status(), page::toString);
      page.body().get("items").forEach(all::add);
      marker = page.body().has("nextMarker") ? page.body().get("nextMarker").asText() : null;
    }
    return all;
  }

  private static List<JsonNode> lines(HttpResult result) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    assertTrue(result.rawBody().endsWith("\n"));
    for (String line : result.rawBody().split("\n")) {
      out.add(Json.mapper().readTree(line));
    }
    return out;
  }

  @Test
  void ndjsonHasEveryOrderWithinRetentionAsListOrdersShowsItNewestFirst() throws Exception {
    HttpResult result = export("");

    assertEquals(200, result.status(), () -> result.rawBody().substring(0, 200));
    assertEquals("application/x-ndjson", result.header("Content-Type"));
    assertEquals(
        "attachment; filename=\"orders-" + tenant.projectId() + ".ndjson\"",
        result.header("Content-Disposition"));
    List<JsonNode> exported = lines(result);
    assertEquals(LOADED + 1, exported.size());
    assertEquals(listedByMarker(""), exported.subList(0, LOADED));
    assertEquals(old, exported.getLast().get("orderName").asText());
  }

  @Test
  void csvHasAHeaderAndOneRowPerOrderWithTheSameFields() throws Exception {
    HttpResult result = export("?format=csv&phase=failed");

    assertEquals(200, result.status());
    assertEquals("text/csv; charset=utf-8", result.header("Content-Type"));
    assertTrue(result.header("Content-Disposition").endsWith(".csv\""));
    CsvMapper csv = new CsvMapper();
    List<Map<String, String>> rows = new ArrayList<>();
    try (MappingIterator<Map<String, String>> it =
        csv.readerForMapOf(String.class)
            .with(CsvSchema.emptySchema().withHeader())
            .readValues(result.rawBody())) {
      it.forEachRemaining(rows::add);
    }
    assertEquals(1, rows.size());
    Map<String, String> row = rows.getFirst();
    assertEquals(old, row.get("orderName"));
    assertEquals("failed", row.get("phase"));
    assertEquals("Too old to matter.", row.get("failReason"));
    assertEquals("", row.get("initCount"), "omitted fields are empty cells");
    assertEquals(
        "modelarts.vm.cpu.2u.d",
        Json.mapper().readTree(row.get("specCount")).at("/0/flavor").asText());
    assertEquals(
        List.of(
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
            "createdByUserName"),
        List.of(result.rawBody().substring(0, result.rawBody().indexOf('\n')).split(",")));
  }

  @Test
  void aCsvCellThatASpreadsheetWouldRunAsAFormulaIsWrittenAsText() throws Exception {
    Tenant other = SERVER.newTenant();
    OrderFixtures fixtures = new OrderFixtures(SERVER.jdbi());
    Instant now = SERVER.clock().instant().truncatedTo(ChronoUnit.MILLIS);
    String reason = "=HYPERLINK(\"http://attacker.example/\",\"details\")";
    PoolRow pool = fixtures.pool(other.projectId(), "pool-formula", "0", now);
    fixtures.order(pool, now).failed(reason).insert();
    fixtures.order(pool, now.minusSeconds(1)).failed("-1+2").insert();
    fixtures.order(pool, now.minusSeconds(2)).failed("Provider: quota exceeded").insert();
    String path = "/v1/" + other.projectId() + "/orders/export";

    HttpResult csv = other.viewer().get(path + "?format=csv");
    List<String> reasons = new ArrayList<>();
    try (MappingIterator<Map<String, String>> it =
        new CsvMapper()
            .readerForMapOf(String.class)
            .with(CsvSchema.emptySchema().withHeader())
            .readValues(csv.rawBody())) {
      it.forEachRemaining(row -> reasons.add(row.get("failReason")));
    }

    assertEquals(List.of("'" + reason, "'-1+2", "Provider: quota exceeded"), reasons);
    List<String> unchanged = new ArrayList<>();
    for (JsonNode order : lines(other.viewer().get(path))) {
      unchanged.add(order.get("failReason").asText());
    }
    assertEquals(List.of(reason, "-1+2", "Provider: quota exceeded"), unchanged, "NDJSON as is");
  }

  @Test
  void theExportTakesListOrdersFilters() throws Exception {
    JsonNode one = lines(export("")).get(17);
    String display = one.get("resourceDisplayName").asText();

    List<JsonNode> byName = lines(export("?involvedName=" + display));
    assertEquals(List.of(one), byName);
    assertEquals(200, export("?workspaceId=elsewhere").status());
    assertEquals("", export("?workspaceId=elsewhere").rawBody());
    long since = lines(export("")).get(99).get("creationTimestamp").asLong();
    assertEquals(
        lines(export("")).subList(0, 100).stream()
            .filter(o -> o.get("creationTimestamp").asLong() >= since)
            .count(),
        lines(export("?since=" + since)).size());
  }

  @Test
  void badFiltersOrFormatsAreA400AndAnUnknownPoolA404() {
    for (String query :
        List.of("?format=xml", "?phase=sleeping", "?since=5&until=1", "?resource=nodes")) {
      HttpResult result = export(query);
      assertEquals(400, result.status(), query);
      assertEquals("ModelArts.50004000", result.errorCode(), query);
      assertEquals("application/json", result.header("Content-Type"));
    }
    HttpResult missing = export("?involvedName=pool-none");
    assertEquals(404, missing.status());
    assertEquals("ModelArts.50015001", missing.errorCode());
  }

  @Test
  void anotherProjectsExportIsA403() {
    HttpResult result =
        SERVER.newTenant().viewer().get("/v1/" + tenant.projectId() + "/orders/export");
    assertEquals(403, result.status());
    assertEquals("ModelArts.0210", result.errorCode());
  }
}
