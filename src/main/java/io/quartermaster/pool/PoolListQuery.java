package io.quartermaster.pool;

import io.helidon.common.uri.UriQuery;
import io.quartermaster.error.BadRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The query of ListPools: {@code workspaceId}, {@code labelSelector} and {@code status}. */
record PoolListQuery(
    String workspaceId, List<LabelRequirement> labels, Optional<Set<PoolPhase>> phases) {

  /** {@code key=value} or {@code key!=value} of a label selector. */
  record LabelRequirement(String key, String value, boolean equal) {}

  static PoolListQuery parse(UriQuery query) {
    String workspace = workspace(query);
    List<LabelRequirement> labels = new ArrayList<>();
    Optional<String> selector = query.first("labelSelector").asOptional().filter(s -> !s.isBlank());
    selector.ifPresent(s -> labels.addAll(parseSelector(s)));
    Optional<Set<PoolPhase>> phases =
        query.first("status").asOptional().filter(s -> !s.isEmpty()).map(PoolListQuery::phases);
    return new PoolListQuery(workspace, labels, phases);
  }

  /** The {@code workspaceId} parameter: at most 64 characters, {@code "0"} when absent. */
  static String workspace(UriQuery query) {
    String workspace =
        query.first("workspaceId").asOptional().filter(w -> !w.isEmpty()).orElse("0");
    if (workspace.length() > 64) {
      throw BadRequestException.because("workspaceId must be at most 64 characters");
    }
    return workspace;
  }

  private static Set<PoolPhase> phases(String status) {
    if (!Set.of("created", "creating", "failed").contains(status)) {
      throw BadRequestException.because("status must be one of created, creating, failed");
    }
    return PoolPhase.forStatusFilter(status);
  }

  private static List<LabelRequirement> parseSelector(String selector) {
    List<LabelRequirement> requirements = new ArrayList<>();
    for (String term : selector.split(",")) {
      String trimmed = term.strip();
      int notEqual = trimmed.indexOf("!=");
      int equal = trimmed.indexOf('=');
      if (notEqual > 0) {
        requirements.add(
            new LabelRequirement(
                trimmed.substring(0, notEqual).strip(),
                trimmed.substring(notEqual + 2).strip(),
                false));
      } else if (equal > 0) {
        requirements.add(
            new LabelRequirement(
                trimmed.substring(0, equal).strip(), trimmed.substring(equal + 1).strip(), true));
      } else {
        throw BadRequestException.because(
            "labelSelector must be a comma-separated list of key=value or key!=value");
      }
    }
    return requirements;
  }

  boolean matches(PoolView pool) {
    if (phases.isPresent() && !phases.get().contains(PoolPhase.fromWire(pool.status().phase()))) {
      return false;
    }
    for (LabelRequirement requirement : labels) {
      var value = pool.metadata().labels().get(requirement.key());
      boolean has = value != null && value.asText().equals(requirement.value());
      if (has != requirement.equal()) {
        return false;
      }
    }
    return true;
  }
}
