package io.quartermaster.testing;

import java.util.Map;

/** An access key (AK/SK) made through the credentials API, and clients that sign with it. */
public record AccessKey(String access, String secret, String userId) {

  public static final String CREDENTIALS = "/v3.0/OS-CREDENTIAL/credentials";

  /** Creates a key for {@code userId}, as {@code actor} (the user themself or the admin). */
  public static AccessKey create(ApiClient actor, String userId) {
    HttpResult result =
        actor.post(
            CREDENTIALS,
            Map.of("credential", Map.of("user_id", userId, "description", "for tests")));
    if (result.status() != 201) {
      throw new IllegalStateException("could not create an access key: " + result);
    }
    return new AccessKey(
        result.body().at("/credential/access").asText(),
        result.body().at("/credential/secret").asText(),
        userId);
  }

  /** Creates a key for the user named {@code userName}, as the global admin. */
  public static AccessKey forUser(String userName) {
    TestServer server = TestServer.get();
    ApiClient admin = server.adminClient();
    return create(admin, userId(admin, userName));
  }

  /** The id of the user named {@code userName}. */
  public static String userId(ApiClient admin, String userName) {
    HttpResult users = admin.get("/v3/users?name=" + userName);
    if (users.status() != 200 || users.body().at("/users/0/id").isMissingNode()) {
      throw new IllegalStateException("no user " + userName + ": " + users);
    }
    return users.body().at("/users/0/id").asText();
  }

  public SdkSigner signer() {
    return new SdkSigner(access, secret);
  }

  /** A client of the test server that signs every request with this key and sends no token. */
  public ApiClient client() {
    return TestServer.get().client().withSigner(signer());
  }

  @Override
  public String toString() {
    return "AccessKey[" + access + "]";
  }
}
