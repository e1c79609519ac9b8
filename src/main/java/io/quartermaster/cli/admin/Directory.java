package io.quartermaster.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.cli.CliException;
import io.quartermaster.cli.ServiceClient;
import java.util.Map;

/** Users and projects by name, as admins type them; the {@code /v3} paths want ids. */
final class Directory {

  private final ServiceClient service;

  Directory(ServiceClient service) {
    this.service = service;
  }

  JsonNode user(String name) {
    return one("users", name);
  }

  String userId(String name) {
    return user(name).path("id").asText();
  }

  JsonNode project(String name) {
    return one("projects", name);
  }

  private JsonNode one(String collection, String name) {
    JsonNode found = service.get("/v3/" + collection, Map.of("name", name)).path(collection);
    if (found.isEmpty()) {
      String kind = collection.substring(0, collection.length() - 1);
      throw CliException.notFound("there is no " + kind + " named " + name);
    }
    return found.get(0);
  }
}
