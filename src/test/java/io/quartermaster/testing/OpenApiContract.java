package io.quartermaster.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.huaweicloud.sdk.core.HttpListener;
import com.networknt.schema.AbsoluteIri;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.path.PathType;
import io.quartermaster.openapi.OpenApiDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Checks an answer of the service against its OpenAPI document ({@code openapi.yaml}, the one the
 * service serves): the path and method are documented, the status is listed for them, the
 * Content-Type is one the response declares, and the body is valid against its schema. {@link
 * ApiClient} runs it on every answer, so the document cannot drift from the code: a failure names
 * the route, the status and the field, and says what to add to the document.
 */
public final class OpenApiContract {

  private static final String FILE = "src/main/resources" + OpenApiDocument.RESOURCE;
  private static final AbsoluteIri DOCUMENT = AbsoluteIri.of("classpath:openapi.yaml");
  private static final int MAX_BODY_SHOWN = 1500;

  private static OpenApiContract instance;

  private final JsonNode document;
  private final OpenApiRoutes routes;
  private final SchemaRegistry schemas = SchemaRegistry.withDialect(Dialects.getOpenApi31());
  private final Map<List<String>, Schema> compiled = new ConcurrentHashMap<>();

  private OpenApiContract(JsonNode document) {
    this.document = document;
    this.routes = new OpenApiRoutes(document.get("paths"));
  }

  /** The contract of the document on the class path, read once per test JVM. */
  public static synchronized OpenApiContract get() {
    if (instance == null) {
      try (InputStream in = OpenApiContract.class.getResourceAsStream(OpenApiDocument.RESOURCE)) {
        instance = new OpenApiContract(new YAMLMapper().readTree(in));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return instance;
  }

  /** The document, as parsed. */
  public JsonNode document() {
    return document;
  }

  /** Checks an answer that the official SDK's client received (its response listener). */
  public static void check(HttpListener.ResponseListener answer) {
    get()
        .check(
            answer.httpMethod(),
            URI.create(answer.uri()),
            answer.statusCode(),
            HttpHeaders.of(answer.headers(), (name, value) -> true),
            answer.body().orElse(""));
  }

  /**
   * Fails with an {@link AssertionError} that says what to change when the answer to {@code method
   * uri} is not what the document says.
   */
  public void check(String method, URI uri, int status, HttpHeaders headers, String body) {
    String path = uri.getRawPath();
    String request = method + " " + path;
    Optional<OpenApiRoutes.Route> route = routes.match(path);
    Optional<JsonNode> operation = route.flatMap(r -> r.operation(method));
    List<String> at;
    if (operation.isEmpty()) {
      at = List.of("x-unrouted-responses");
      if (!document.get("x-unrouted-responses").has(Integer.toString(status))) {
        throw drift(request, status, body, unrouted(method, path, route));
      }
    } else {
      String template = route.get().template();
      request = method + " " + template;
      at = List.of("paths", template, method.toLowerCase(java.util.Locale.ROOT), "responses");
      JsonNode responses = operation.get().get("responses");
      if (!responses.has(Integer.toString(status))) {
        throw drift(
            request,
            status,
            body,
            "the document lists "
                + String.join(", ", names(responses))
                + " for it. Add '"
                + status
                + "' under "
                + pointer(at)
                + " in "
                + FILE
                + " (most errors can $ref a response of components.responses).");
      }
    }
    List<String> responsePath = new ArrayList<>(at);
    responsePath.add(Integer.toString(status));
    checkResponse(request, status, headers, body, responsePath);
  }

  private void checkResponse(
      String request, int status, HttpHeaders headers, String body, List<String> at) {
    if (headers.firstValue("X-Request-Id").isEmpty()) {
      throw drift(request, status, body, "the answer has no X-Request-Id header (CONTRACT §0).");
    }
    List<String> responseAt = dereference(at);
    JsonNode response = node(responseAt);
    JsonNode content = response.get("content");
    if (content == null) {
      if (body != null && !body.isEmpty()) {
        throw drift(
            request,
            status,
            body,
            "the document declares no content for it, but it has a body: add its content under "
                + pointer(responseAt)
                + ".");
      }
      return;
    }
    String type =
        headers.firstValue("Content-Type").map(t -> t.split(";")[0].strip()).orElse("(none)");
    if (!content.has(type)) {
      throw drift(
          request,
          status,
          body,
          "its Content-Type is "
              + type
              + " but "
              + pointer(responseAt)
              + ".content declares "
              + String.join(", ", names(content))
              + ".");
    }
    List<String> schemaAt = new ArrayList<>(responseAt);
    schemaAt.addAll(List.of("content", type, "schema"));
    if (!content.get(type).has("schema")) {
      return;
    }
    boolean json = type.equals("application/json") || type.endsWith("+json");
    List<Error> errors;
    try {
      errors = schema(schemaAt).validate(json ? body : asJsonString(body), InputFormat.JSON);
    } catch (RuntimeException e) {
      throw drift(request, status, body, "its body is not " + type + ": " + e.getMessage());
    }
    if (!errors.isEmpty()) {
      String found =
          errors.stream()
              .limit(10)
              .map(e -> "  " + e.getInstanceLocation() + ": " + e.getMessage())
              .collect(Collectors.joining("\n"));
      throw drift(
          request,
          status,
          body,
          "the body does not match "
              + pointer(schemaAt)
              + " ("
              + describe(schemaAt)
              + "):\n"
              + found
              + "\nChange the schema in "
              + FILE
              + " if the answer is right, or the code if it is not.");
    }
  }

  /** Follows a {@code $ref} at {@code at} (a response of components.responses) to its target. */
  private List<String> dereference(List<String> at) {
    JsonNode node = node(at);
    if (node.has("$ref")) {
      String ref = node.get("$ref").asText();
      return List.of(ref.substring(2).split("/"));
    }
    return at;
  }

  private String describe(List<String> schemaAt) {
    JsonNode schema = node(schemaAt);
    return schema.has("$ref") ? "which is " + schema.get("$ref").asText() : "inline";
  }

  private Schema schema(List<String> at) {
    return compiled.computeIfAbsent(
        at,
        key -> {
          NodePath fragment = new NodePath(PathType.JSON_POINTER);
          for (String segment : key) {
            fragment = fragment.append(segment);
          }
          return schemas.getSchema(new SchemaLocation(DOCUMENT, fragment));
        });
  }

  private JsonNode node(List<String> at) {
    JsonNode node = document;
    for (String segment : at) {
      node = node.path(segment);
    }
    if (node.isMissingNode()) {
      throw new AssertionError(FILE + " has nothing at " + pointer(at));
    }
    return node;
  }

  private String unrouted(String method, String path, Optional<OpenApiRoutes.Route> route) {
    String allowed = String.join(", ", names(document.get("x-unrouted-responses")));
    if (route.isPresent()) {
      return "the document lists "
          + String.join(", ", route.get().methods())
          + " for "
          + route.get().template()
          + ", not "
          + method
          + ". Add '"
          + method.toLowerCase(java.util.Locale.ROOT)
          + "' with its responses under "
          + pointer(List.of("paths", route.get().template()))
          + " in "
          + FILE
          + " (an unlisted method must answer one of "
          + allowed
          + ").";
    }
    return "no path of the document matches "
        + path
        + ". Add the route under `paths` in "
        + FILE
        + ", with {parameters} for the ids in it (e.g. /v1/{project_id}/...), or, if the path"
        + " is unknown on purpose, the answer must be one of x-unrouted-responses: "
        + allowed
        + ".";
  }

  private static AssertionError drift(String request, int status, String body, String what) {
    String shown =
        body == null || body.isEmpty()
            ? "(empty)"
            : body.length() > MAX_BODY_SHOWN ? body.substring(0, MAX_BODY_SHOWN) + "..." : body;
    return new AssertionError(
        "OpenAPI drift: " + request + " answered " + status + ", but " + what + "\nBody: " + shown);
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String pointer(List<String> at) {
    return String.join(".", at);
  }

  /** A text body as a JSON string, so that its schema ({@code type: string}) can judge it. */
  private static String asJsonString(String body) {
    try {
      return io.quartermaster.json.Json.mapper().writeValueAsString(body == null ? "" : body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
