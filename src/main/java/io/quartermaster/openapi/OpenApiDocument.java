package io.quartermaster.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.quartermaster.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.yaml} and {@code GET /openapi.json}: the OpenAPI 3.1 document of the whole
 * API. {@code openapi.yaml} in the resources is its one source; the JSON is made from it once, at
 * start. No authentication: it describes the API, it holds no data.
 */
public final class OpenApiDocument implements HttpService {

  /** Where the document lives on the class path; the test suite validates against it too. */
  public static final String RESOURCE = "/openapi.yaml";

  private final byte[] yaml;
  private final byte[] json;

  private OpenApiDocument(byte[] yaml, byte[] json) {
    this.yaml = yaml;
    this.json = json;
  }

  /** Reads the document from the class path; a document that does not parse is a bug. */
  public static OpenApiDocument load() {
    try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the class path");
      }
      byte[] yaml = in.readAllBytes();
      JsonNode tree = new YAMLMapper().readTree(yaml);
      return new OpenApiDocument(yaml, Json.mapper().writeValueAsBytes(tree));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(RESOURCE + " is not valid YAML", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get("/openapi.yaml", this::yaml).get("/openapi.json", this::json);
  }

  private void yaml(ServerRequest req, ServerResponse res) {
    res.header(HeaderNames.CONTENT_TYPE, "application/yaml");
    res.send(yaml);
  }

  private void json(ServerRequest req, ServerResponse res) {
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    res.send(json);
  }
}
