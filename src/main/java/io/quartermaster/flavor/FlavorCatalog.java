package io.quartermaster.flavor;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quartermaster.error.InvalidConfigException;
import io.quartermaster.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The flavors pools can be built from. A default catalog ships in the jar ({@code flavors.json});
 * an operator replaces it with a file of the same shape.
 */
public final class FlavorCatalog {

  private static final String DEFAULT_RESOURCE = "/flavors.json";

  private final Map<String, Flavor> byName;

  public FlavorCatalog(List<Flavor> flavors) {
    Map<String, Flavor> map = new LinkedHashMap<>();
    for (Flavor flavor : flavors) {
      if (map.put(flavor.name(), flavor) != null) {
        throw new InvalidConfigException("flavor catalog names " + flavor.name() + " twice");
      }
    }
    if (map.isEmpty()) {
      throw new InvalidConfigException("flavor catalog is empty");
    }
    this.byName = java.util.Collections.unmodifiableMap(map);
  }

  /** The catalog at {@code file}, or the default one when absent. */
  public static FlavorCatalog load(Optional<Path> file) {
    try {
      if (file.isPresent()) {
        try (InputStream in = Files.newInputStream(file.get())) {
          return parse(in, file.get().toString());
        }
      }
      try (InputStream in = FlavorCatalog.class.getResourceAsStream(DEFAULT_RESOURCE)) {
        return parse(in, DEFAULT_RESOURCE);
      }
    } catch (IOException e) {
      throw new InvalidConfigException("cannot read flavor catalog: " + e.getMessage());
    }
  }

  private static FlavorCatalog parse(InputStream in, String source) throws IOException {
    try {
      List<Flavor> flavors = Json.mapper().readValue(in, new TypeReference<List<Flavor>>() {});
      return new FlavorCatalog(flavors);
    } catch (IllegalArgumentException | com.fasterxml.jackson.databind.JsonMappingException e) {
      throw new InvalidConfigException(
          "flavor catalog " + source + " is invalid: " + e.getMessage());
    }
  }

  public Optional<Flavor> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public List<Flavor> all() {
    return List.copyOf(byName.values());
  }
}
