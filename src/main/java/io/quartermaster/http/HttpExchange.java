package io.quartermaster.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.quartermaster.error.BadRequestException;
import io.quartermaster.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/** Reading JSON request bodies and writing JSON responses, the same way in every handler. */
public final class HttpExchange {

  // The context key of a request's body; an object of its own, so that nothing else can collide.
  private static final Object BODY = new Object();

  private HttpExchange() {}

  /** Sends {@code body} as JSON with the given status. */
  public static void send(ServerResponse res, int status, Object body) {
    byte[] bytes = toJson(body);
    res.status(Status.create(status));
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    res.send(bytes);
  }

  /** {@code body} as the JSON bytes a response carries. */
  public static byte[] toJson(Object body) {
    try {
      return Json.mapper().writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("response is not serializable", e);
    }
  }

  /** Sends {@code body} as JSON with status 200. */
  public static void ok(ServerResponse res, Object body) {
    send(res, 200, body);
  }

  /**
   * Parses the request body as a JSON object. An empty, malformed or non-object body is a 400 that
   * says so, a body of another media type a 415 ({@link JsonBodies}); the caller then reads the
   * fields it needs from the tree and validates them.
   */
  public static JsonNode readObject(ServerRequest req) {
    byte[] body = body(req);
    if (body.length == 0) {
      throw BadRequestException.because("request body is missing");
    }
    JsonBodies.requireJson(req);
    JsonNode node;
    try {
      node = Json.mapper().readTree(body);
    } catch (JsonProcessingException e) {
      throw BadRequestException.because("request body is not valid JSON");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (node == null || !node.isObject()) {
      throw BadRequestException.because("request body must be a JSON object");
    }
    if (holdsNul(node)) {
      // PostgreSQL can store no NUL in text or jsonb: refused here rather than failing the insert.
      throw BadRequestException.because("request body must not contain NUL (\\u0000) in a string");
    }
    return node;
  }

  private static boolean holdsNul(JsonNode node) {
    if (node.isTextual()) {
      return node.textValue().indexOf('\0') >= 0;
    }
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getKey().indexOf('\0') >= 0 || holdsNul(field.getValue())) {
        return true;
      }
    }
    if (node.isArray()) {
      for (JsonNode element : node) {
        if (holdsNul(element)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The request body's bytes (empty when there is none), read from the connection once and kept in
   * the request's context: access control reads them to check a signature over the body, and the
   * handler reads them again to parse it. Helidon's payload limit bounds them at {@link
   * ApiServer#MAX_BODY_BYTES}.
   */
  public static byte[] body(ServerRequest req) {
    Optional<byte[]> cached = req.context().get(BODY, byte[].class);
    if (cached.isPresent()) {
      return cached.get();
    }
    byte[] body;
    if (req.content().hasEntity()) {
      try (InputStream in = req.content().inputStream()) {
        body = in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      SlowClientGuard.bodyRead();
    } else {
      body = new byte[0];
    }
    req.context().register(BODY, body);
    return body;
  }
}
