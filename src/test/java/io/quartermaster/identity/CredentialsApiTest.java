package io.quartermaster.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.testing.AccessKey;
import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.Tenant;
import io.quartermaster.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /v3.0/OS-CREDENTIAL/credentials}: IAM's access key API (issue item 1). */
class CredentialsApiTest {

  private static final String CREDENTIALS = AccessKey.CREDENTIALS;

  private final TestServer server = TestServer.get();
  private final ApiClient admin = server.adminClient();
  private Tenant tenant;
  private String memberId;
  private String viewerId;

  @BeforeEach
  void newTenant() {
    tenant = server.newTenant();
    memberId = AccessKey.userId(admin, tenant.memberName());
    viewerId = AccessKey.userId(admin, tenant.viewerName());
  }

  private static Map<String, Object> credential(Map<String, Object> fields) {
    return Map.of("credential", fields);
  }

  private static void assertKeystone(int status, String message, HttpResult result) {
    assertEquals(status, result.status(), result::toString);
    assertEquals(status, result.body().at("/error/code").asInt(), result::toString);
    assertEquals(message, result.body().at("/error/message").asText(), result::toString);
  }

  @Test
  void createsAKeyAndShowsItsSecretOnlyThen() {
    HttpResult created =
        tenant
            .member()
            .post(CREDENTIALS, credential(Map.of("user_id", memberId, "description", "ci")));

    assertEquals(201, created.status(), created::toString);
    JsonNode key = created.body().get("credential");
    assertEquals(6, key.size(), key::toString);
    assertTrue(key.get("access").asText().matches("[A-Z0-9]{20}"));
    assertTrue(key.get("secret").asText().matches("[A-Za-z0-9]{40}"));
    assertEquals("active", key.get("status").asText());
    assertEquals(memberId, key.get("user_id").asText());
    assertEquals("ci", key.get("description").asText());
    Instant createTime = Instant.parse(key.get("create_time").asText());
    assertTrue(Duration.between(createTime, server.clock().instant()).abs().toMinutes() < 1);

    String access = key.get("access").asText();
    HttpResult shown = tenant.member().get(CREDENTIALS + "/" + access);
    assertEquals(200, shown.status(), shown::toString);
    JsonNode stored = shown.body().get("credential");
    assertFalse(stored.has("secret"));
    assertEquals(
        Map.of(
            "user_id",
            memberId,
            "access",
            access,
            "status",
            "active",
            "create_time",
            key.get("create_time").asText(),
            "description",
            "ci"),
        Map.of(
            "user_id", stored.get("user_id").asText(),
            "access", stored.get("access").asText(),
            "status", stored.get("status").asText(),
            "create_time", stored.get("create_time").asText(),
            "description", stored.get("description").asText()));
    HttpResult listed = tenant.member().get(CREDENTIALS + "?user_id=" + memberId);
    assertEquals(200, listed.status(), listed::toString);
    assertEquals(1, listed.body().get("credentials").size());
    assertEquals(stored, listed.body().at("/credentials/0"));
    assertFalse(listed.rawBody().contains(key.get("secret").asText()));
  }

  @Test
  void theUserIdDefaultsToTheCaller() {
    HttpResult created = tenant.member().post(CREDENTIALS, credential(Map.of()));
    assertEquals(201, created.status(), created::toString);
    assertEquals(memberId, created.body().at("/credential/user_id").asText());
    assertEquals("", created.body().at("/credential/description").asText());
    assertEquals(1, tenant.member().get(CREDENTIALS).body().get("credentials").size());
  }

  @Test
  void theSecretIsStoredEncryptedUnderTheServerKeyKeptInTheDataDirectory() throws Exception {
    AccessKey key = AccessKey.create(tenant.member(), memberId);
    byte[] sealed =
        server
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery("select sealed_secret from access_keys where access_key = :k")
                        .bind("k", key.access())
                        .mapTo(byte[].class)
                        .one());
    String stored = new String(sealed, StandardCharsets.ISO_8859_1);
    assertFalse(stored.contains(key.secret()));
    Path keyFile = server.config().database().dataDir().resolve(ServerKey.FILE_NAME);
    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
    ServerKey serverKey = ServerKey.fromFile(keyFile);
    assertEquals(key.secret(), serverKey.open(sealed, key.access()).orElseThrow());
  }

  @Test
  void aKeyCanBeDeactivatedDescribedAndDeleted() {
    AccessKey key = AccessKey.create(tenant.member(), memberId);
    String path = CREDENTIALS + "/" + key.access();

    HttpResult changed =
        tenant
            .member()
            .send("PUT", path, credential(Map.of("status", "inactive", "description", "old")));
    assertEquals(200, changed.status(), changed::toString);
    assertEquals("inactive", changed.body().at("/credential/status").asText());
    assertEquals("old", changed.body().at("/credential/description").asText());
    assertEquals("inactive", tenant.member().get(path).body().at("/credential/status").asText());

    assertEquals(204, tenant.member().delete(path).status());
    assertKeystone(
        404, "Could not find credential: " + key.access() + ".", tenant.member().get(path));
    assertEquals(0, tenant.member().get(CREDENTIALS).body().get("credentials").size());
  }

  @Test
  void badRequestsSayWhatIsWrong() {
    AccessKey key = AccessKey.create(tenant.member(), memberId);
    String path = CREDENTIALS + "/" + key.access();
    assertKeystone(
        400,
        "Bad request: credential.status must be active or inactive",
        tenant.member().send("PUT", path, credential(Map.of("status", "paused"))));
    assertKeystone(
        400,
        "Bad request: credential.access cannot be set",
        tenant.member().send("PUT", path, credential(Map.of("access", "X"))));
    assertKeystone(
        400,
        "Bad request: credential.secret cannot be set",
        tenant.member().post(CREDENTIALS, credential(Map.of("secret", "mine"))));
    assertKeystone(
        400,
        "Bad request: credential is required",
        tenant.member().post(CREDENTIALS, Map.of("access", "x")));
    assertKeystone(
        400,
        "Bad request: credential.description must be at most 255 characters long",
        tenant.member().post(CREDENTIALS, credential(Map.of("description", "d".repeat(256)))));
  }

  @Test
  void aViewerReadsTheirKeysButDoesNotManageThem() {
    AccessKey key = AccessKey.create(admin, viewerId);
    String path = CREDENTIALS + "/" + key.access();
    assertEquals(200, tenant.viewer().get(path).status());
    assertEquals(1, tenant.viewer().get(CREDENTIALS).body().get("credentials").size());
    String denied = "You are not authorized to perform the (identity:%s) operation.";
    assertKeystone(
        403,
        denied.formatted("create_credential"),
        tenant.viewer().post(CREDENTIALS, credential(Map.of())));
    assertKeystone(
        403,
        denied.formatted("update_credential"),
        tenant.viewer().send("PUT", path, credential(Map.of("status", "inactive"))));
    assertKeystone(403, denied.formatted("delete_credential"), tenant.viewer().delete(path));
  }

  @Test
  void aMemberCannotReachAnotherUsersKeys() {
    AccessKey viewers = AccessKey.create(admin, viewerId);
    String path = CREDENTIALS + "/" + viewers.access();
    String denied = "You are not authorized to perform the (identity:%s) operation.";
    assertKeystone(
        403,
        denied.formatted("create_credential"),
        tenant.member().post(CREDENTIALS, credential(Map.of("user_id", viewerId))));
    assertKeystone(
        403,
        denied.formatted("list_credentials"),
        tenant.member().get(CREDENTIALS + "?user_id=" + viewerId));
    // Someone else's key is not found rather than forbidden: key ids cannot be probed.
    String missing = "Could not find credential: " + viewers.access() + ".";
    assertKeystone(404, missing, tenant.member().get(path));
    assertKeystone(404, missing, tenant.member().delete(path));
    assertKeystone(
        404, missing, tenant.member().send("PUT", path, credential(Map.of("status", "inactive"))));
    assertEquals(200, tenant.viewer().get(path).status(), "the key is untouched");
  }

  @Test
  void theAdminManagesAnyonesKeys() {
    HttpResult created = admin.post(CREDENTIALS, credential(Map.of("user_id", memberId)));
    assertEquals(201, created.status(), created::toString);
    String path = CREDENTIALS + "/" + created.body().at("/credential/access").asText();
    assertEquals(
        1, admin.get(CREDENTIALS + "?user_id=" + memberId).body().get("credentials").size());
    assertEquals(200, admin.get(path).status());
    assertEquals(200, admin.send("PUT", path, credential(Map.of("status", "inactive"))).status());
    assertEquals(204, admin.delete(path).status());
    assertKeystone(
        404,
        "Could not find user: 0123456789abcdef0123456789abcdef.",
        admin.post(CREDENTIALS, credential(Map.of("user_id", "0123456789abcdef0123456789abcdef"))));
  }

  @Test
  void theApiNeedsAValidToken() {
    assertKeystone(401, "X-Auth-Token is missing", server.client().get(CREDENTIALS));
    assertKeystone(
        401, "token is invalid", server.client().withToken("x".repeat(43)).get(CREDENTIALS));
  }
}
