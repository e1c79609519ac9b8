package io.quartermaster.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestFingerprintTest {

  private static final String PATH = "/v2/04f258c84780d5a52f3bc00dc15aa5e7/pools";

  @Test
  void keyOrderAndWhitespaceDoNotChangeTheFingerprint() {
    assertEquals(
        of("POST", PATH, "{\"a\":1,\"b\":{\"y\":[1,{\"q\":2,\"p\":3}],\"x\":null}}"),
        of(
            "POST",
            PATH,
            " {\n \"b\": {\"x\": null, \"y\": [1, {\"p\": 3, \"q\": 2}]},\n \"a\": 1}"));
  }

  @Test
  void anyChangeOfMethodPathOrValueChangesIt() {
    String body = "{\"a\":1,\"list\":[1,2]}";
    String base = of("POST", PATH, body);
    assertNotEquals(base, of("PATCH", PATH, body));
    assertNotEquals(base, of("POST", PATH + "/other", body));
    assertNotEquals(base, of("POST", PATH, "{\"a\":2,\"list\":[1,2]}"));
    assertNotEquals(base, of("POST", PATH, "{\"a\":1,\"list\":[2,1]}"), "arrays keep their order");
    assertNotEquals(base, of("POST", PATH, "{\"a\":\"1\",\"list\":[1,2]}"));
    assertNotEquals(base, of("POST", PATH, ""));
  }

  @Test
  void aBodyThatIsNotJsonIsTakenAsItIs() {
    assertEquals(of("POST", PATH, "not json"), of("POST", PATH, "not json"));
    assertNotEquals(of("POST", PATH, "not json"), of("POST", PATH, "not  json"));
  }

  private static String of(String method, String path, String body) {
    return RequestFingerprint.of(method, path, body.getBytes(StandardCharsets.UTF_8));
  }
}
