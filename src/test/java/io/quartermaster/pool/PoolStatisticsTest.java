package io.quartermaster.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.json.Json;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /v2/{project_id}/statistics/pools} (CONTRACT §3). */
class PoolStatisticsTest {

  private final TestServer server = TestServer.get();
  private final Tenant tenant = server.newTenant();
  private final PoolFixtures fixtures = new PoolFixtures(server.jdbi());

  @AfterEach
  void putTheClockBack() {
    server.clock().reset();
  }

  private String path(String query) {
    return "/v2/" + tenant.projectId() + "/statistics/pools" + query;
  }

  private void pool(String displayName, String workspace, PoolPhase phase, boolean deleted) {
    Instant now = server.clock().instant();
    PoolRow pool = fixtures.pool(tenant.projectId(), displayName, workspace, phase, now);
    if (deleted) {
      fixtures.markDeleted(pool, now);
    }
  }

  @Test
  void countsTheWorkspacesLivePoolsByTheVendorsStateGroups() throws Exception {
    int i = 0;
    for (PoolPhase phase : PoolPhase.values()) {
      pool("pool-st" + i++, "0", phase, false);
    }
    pool("pool-run2", "0", PoolPhase.RUNNING, false);
    pool("pool-gone", "0", PoolPhase.RUNNING, true);
    pool("pool-else", "ws-2", PoolPhase.CREATING, false);

    HttpResult result = tenant.viewer().get(path(""));

    assertEquals(200, result.status(), result::toString);
    assertEquals(
        Json.mapper()
            .readTree(
                """
                {"creating":1,"created":4,"failed":2,"pending":1,"deleting":1}
                """),
        result.body().at("/statistics/status"));
    assertEquals(2, result.body().size(), result::toString);
    assertEquals(
        Json.mapper()
            .readTree("{\"creating\":1,\"created\":0,\"failed\":0,\"pending\":0,\"deleting\":0}"),
        tenant.viewer().get(path("?workspaceId=ws-2")).body().at("/statistics/status"));
  }

  @Test
  void aProjectWithoutPoolsCountsZeroEverywhere() throws Exception {
    assertEquals(
        Json.mapper()
            .readTree("{\"creating\":0,\"created\":0,\"failed\":0,\"pending\":0,\"deleting\":0}"),
        tenant.viewer().get(path("?workspaceId=0")).body().at("/statistics/status"));
  }

  @Test
  void theOperationTimeIsTheServicesClockInGosFormat() {
    server.clock().advance(Duration.ofHours(3));
    Instant before = server.clock().instant();
    JsonNode body = tenant.viewer().get(path("")).body();
    Instant after = server.clock().instant();

    String time = body.get("operationTime").asText();
    assertTrue(
        time.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d{0,8}[1-9])? \\+0000 UTC"),
        time);
    // Go drops trailing zeros of the fraction, so it has 0 to 9 digits; ISO-8601 allows that too.
    Instant reported = Instant.parse(time.replace(" +0000 UTC", "Z").replaceFirst(" ", "T"));
    assertTrue(!reported.isBefore(before.minusMillis(1)) && !reported.isAfter(after), time);
  }

  @Test
  void goTimeWritesTheFractionWithoutTrailingZeros() {
    assertEquals(
        "2025-03-27 11:48:55.446172146 +0000 UTC",
        PoolStatistics.goTime(Instant.parse("2025-03-27T11:48:55.446172146Z")));
    assertEquals(
        "2025-03-27 11:48:55.5 +0000 UTC",
        PoolStatistics.goTime(Instant.parse("2025-03-27T11:48:55.500Z")));
    assertEquals(
        "2025-03-27 11:48:55 +0000 UTC",
        PoolStatistics.goTime(Instant.parse("2025-03-27T11:48:55Z")));
  }

  @Test
  void needsAViewerTokenAndASaneWorkspace() {
    HttpResult anonymous = server.client().get(path(""));
    assertEquals(401, anonymous.status());
    assertEquals("ModelArts.50001000", anonymous.errorCode());
    HttpResult stranger = server.newTenant().viewer().get(path(""));
    assertEquals(403, stranger.status());
    assertEquals("ModelArts.0210", stranger.errorCode());
    HttpResult longWorkspace = tenant.viewer().get(path("?workspaceId=" + "w".repeat(65)));
    assertEquals(400, longWorkspace.status());
    assertEquals("ModelArts.50004000", longWorkspace.errorCode());
  }
}
