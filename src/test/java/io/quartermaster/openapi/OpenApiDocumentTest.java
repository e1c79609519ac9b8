package io.quartermaster.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quartermaster.error.ServiceException;
import io.quartermaster.http.ErrorBodies;
import io.quartermaster.testing.ApiClient;
import io.quartermaster.testing.HttpResult;
import io.quartermaster.testing.OpenApiContract;
import io.quartermaster.testing.TestServer;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class OpenApiDocumentTest {

  private final ApiClient anonymous = TestServer.get().client();
  private final JsonNode document = OpenApiContract.get().document();

  @Test
  void theDocumentIsServedAsJsonAndAsYamlWithoutAuthentication() throws Exception {
    HttpResult json = anonymous.get("/openapi.json");
    HttpResult yaml = anonymous.get("/openapi.yaml");
    assertEquals(200, json.status(), json::toString);
    assertEquals(200, yaml.status(), yaml::toString);
    assertEquals("application/json", json.header("Content-Type"));
    assertEquals("application/yaml", yaml.header("Content-Type"));
    assertEquals("3.1.0", json.body().get("openapi").asText());
    assertEquals(document, json.body());
    assertEquals(document, new YAMLMapper().readTree(yaml.rawBody()));
  }

  @Test
  void everyReferenceResolves() {
    List<String> broken = new ArrayList<>();
    refs(document, broken);
    assertEquals(List.of(), broken, "$refs that point at nothing");
  }

  @Test
  void everyPathParameterIsDeclaredAndEveryOperationIsNamedOnce() {
    Pattern parameter = Pattern.compile("\\{([^}]+)}");
    Set<String> operationIds = new HashSet<>();
    document
        .get("paths")
        .properties()
        .forEach(
            path -> {
              Set<String> declared = new HashSet<>();
              declaredPathParameters(path.getValue(), declared);
              path.getValue()
                  .properties()
                  .forEach(
                      op -> {
                        if (op.getKey().equals("parameters")) {
                          return;
                        }
                        Set<String> all = new HashSet<>(declared);
                        declaredPathParameters(op.getValue(), all);
                        Matcher m = parameter.matcher(path.getKey());
                        while (m.find()) {
                          assertTrue(
                              all.contains(m.group(1)),
                              op.getKey() + " " + path.getKey() + " does not declare " + m.group());
                        }
                        String id = op.getValue().path("operationId").asText();
                        assertTrue(!id.isEmpty(), op.getKey() + " " + path.getKey() + " has no id");
                        assertTrue(operationIds.add(id), "operationId " + id + " is used twice");
                        assertTrue(
                            op.getValue().get("responses").size() > 0,
                            op.getKey() + " " + path.getKey() + " lists no responses");
                      });
            });
  }

  @Test
  void everyErrorCodeOfTheServiceIsDocumentedAndNoOther() throws Exception {
    Set<String> inCode = new HashSet<>();
    // Every kind of service failure, found from the sealed root so that a new one cannot be missed.
    List<Class<?>> types =
        new ArrayList<>(List.of(ServiceException.class.getPermittedSubclasses()));
    types.add(ErrorBodies.class);
    for (Class<?> type : types) {
      for (Field field : type.getFields()) {
        if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
          String value = (String) field.get(null);
          if (value.startsWith("ModelArts.")) {
            inCode.add(value);
          }
        }
      }
    }
    Set<String> documented = new HashSet<>();
    document
        .at("/components/schemas/ModelArtsError/properties/error_code/enum")
        .forEach(code -> documented.add(code.asText()));
    assertEquals(inCode, documented);
  }

  @Test
  void theOperationsEndpointsNeedNoCredentials() {
    for (String path : List.of("/health", "/openapi.json", "/openapi.yaml", "/metrics")) {
      JsonNode security = document.at("/paths/" + path.replace("/", "~1") + "/get/security");
      assertTrue(security.isArray() && security.isEmpty(), path + " should say security: []");
    }
    assertNull(anonymous.get("/health").errorCode());
  }

  private void refs(JsonNode node, List<String> broken) {
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null
          && ref.isTextual()
          && document.at(ref.asText().substring(1)).isMissingNode()) {
        broken.add(ref.asText());
      }
      node.forEach(child -> refs(child, broken));
    } else if (node.isArray()) {
      node.forEach(child -> refs(child, broken));
    }
  }

  private void declaredPathParameters(JsonNode item, Set<String> into) {
    for (JsonNode parameter : item.path("parameters")) {
      JsonNode resolved =
          parameter.has("$ref")
              ? document.at(parameter.get("$ref").asText().substring(1))
              : parameter;
      if ("path".equals(resolved.path("in").asText())) {
        into.add(resolved.path("name").asText());
      }
    }
  }
}
