package io.quartermaster.order;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.testing.Eventually;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.Pools;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ListOrders copies the JSON of orders it has written before (RenderedOrders); every change of an
 * order's row shows on the next page all the same: a change by another transaction, the last of two
 * changes in one transaction, and nothing of a change rolled back.
 */
class ListOrdersAfterChangesTest {

  private final TestServer server = TestServer.get();
  private final Tenant tenant = server.newTenant();
  private final Jdbi jdbi = server.jdbi();
  private String display;

  @BeforeEach
  void aFinishedOrderListedOnce() {
    display = Pools.uniqueName();
    HttpResult created =
        tenant
            .member()
            .post("/v2/" + tenant.projectId() + "/pools", Pools.body(display, Pools.CPU, 1));
    assertEquals(200, created.status(), created::toString);
    Eventually.until(this::byName, order -> order.get("phase").asText().equals("successed"));
  }

  @Test
  void aChangeCommittedByAnotherTransactionShowsOnTheNextPage() {
    String before = listed().toString();
    setUserName("renamed-once");
    assertEquals("renamed-once", listed().at("/createdBy/userName").asText());
    setUserName(tenant.memberName());
    assertEquals(before, listed().toString());
  }

  @Test
  void theLastOfTwoChangesInOneTransactionShows() {
    listed();
    jdbi.useTransaction(
        h -> {
          updateUserName(h, "first");
          updateUserName(h, "second");
        });
    assertEquals("second", listed().at("/createdBy/userName").asText());
  }

  @Test
  void aChangeRolledBackNeverShows() {
    String before = listed().toString();
    jdbi.useHandle(
        h -> {
          h.begin();
          updateUserName(h, "rolled-back");
          h.rollback();
        });
    assertEquals(before, listed().toString());
  }

  /** The order as a page by its name shows it, and the same on a page of all the orders. */
  private JsonNode listed() {
    JsonNode order = byName();
    HttpResult all = tenant.viewer().get("/v1/" + tenant.projectId() + "/orders");
    assertEquals(order, all.body().at("/items/0"), all::toString);
    return order;
  }

  private JsonNode byName() {
    HttpResult page =
        tenant.viewer().get("/v1/" + tenant.projectId() + "/orders?involvedName=" + display);
    assertEquals(200, page.status(), page::toString);
    assertEquals(1, page.body().get("count").asInt(), page::toString);
    return page.body().at("/items/0");
  }

  private void setUserName(String name) {
    jdbi.useTransaction(h -> updateUserName(h, name));
  }

  private void updateUserName(Handle h, String name) {
    int updated =
        h.createUpdate(
                "update orders set created_by_user_name = :name"
                    + " where project_id = :p and resource_display_name = :d")
            .bind("name", name)
            .bind("p", tenant.projectId())
            .bind("d", display)
            .execute();
    assertEquals(1, updated);
  }
}
