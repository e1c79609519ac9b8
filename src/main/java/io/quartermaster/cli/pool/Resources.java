package io.quartermaster.cli.pool;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/** The {@code spec.resources} entries the client writes. */
final class Resources {

  private Resources() {}

  /** {@code azs} from {@code --az AZ=N} options, in AZ order. */
  static void putAzs(ObjectNode resource, Map<String, Integer> azs) {
    ArrayNode array = resource.putArray("azs");
    new TreeMap<>(azs).forEach((az, n) -> array.addObject().put("az", az).put("count", n));
  }
}
