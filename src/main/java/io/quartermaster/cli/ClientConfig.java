package io.quartermaster.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The client's config file: named profiles and the one used when none is asked for.
 *
 * @param current the profile used without {@code --profile} or {@code QM_PROFILE}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClientConfig(String current, Map<String, Profile> profiles) {

  public static final String DEFAULT_PROFILE = "default";

  public ClientConfig {
    // Sorted, so that the file and `qm profiles` list them the same way every time.
    profiles = profiles == null ? Map.of() : Map.copyOf(new TreeMap<>(profiles));
  }

  public static ClientConfig empty() {
    return new ClientConfig(null, Map.of());
  }

  public Optional<Profile> profile(String name) {
    return Optional.ofNullable(profiles.get(name));
  }

  public String currentOrDefault() {
    return current == null ? DEFAULT_PROFILE : current;
  }

  /** This config with {@code profile} stored under {@code name}. */
  public ClientConfig with(String name, Profile profile) {
    Map<String, Profile> changed = new TreeMap<>(profiles);
    changed.put(name, profile);
    return new ClientConfig(current, changed);
  }

  public ClientConfig without(String name) {
    Map<String, Profile> changed = new TreeMap<>(profiles);
    changed.remove(name);
    return new ClientConfig(name.equals(current) ? null : current, changed);
  }

  public ClientConfig withCurrent(String name) {
    return new ClientConfig(name, profiles);
  }
}
