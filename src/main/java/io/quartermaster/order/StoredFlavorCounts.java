package io.quartermaster.order;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.quartermaster.flavor.FlavorCount;
import io.quartermaster.json.Json;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * An order's flavor counts as the database stores them: the text of a {@code jsonb} array of
 * PoolResourceFlavorCount, which the service itself wrote. A response copies that text as it is
 * instead of parsing it into records and writing them again, which was most of the work of a
 * ListOrders page; only the CSV export, which rewrites the counts compactly, parses it.
 */
@JsonSerialize(using = StoredFlavorCounts.Writer.class)
record StoredFlavorCounts(String json) {

  private static final TypeReference<List<FlavorCount>> COUNTS = new TypeReference<>() {};

  StoredFlavorCounts {
    Objects.requireNonNull(json, "json");
  }

  /** The stored text as a value, or null when the column is null. */
  static StoredFlavorCounts ofNullable(String json) {
    return json == null ? null : new StoredFlavorCounts(json);
  }

  /** The counts as records; unreadable ones are a bug of the writer, not the caller's fault. */
  List<FlavorCount> list() {
    try {
      return Json.mapper().readValue(json, COUNTS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored flavor counts are not readable: " + json, e);
    }
  }

  /** Writes the stored JSON text unchanged: the database's jsonb output is valid JSON. */
  static final class Writer extends StdSerializer<StoredFlavorCounts> {
    Writer() {
      super(StoredFlavorCounts.class);
    }

    @Override
    public void serialize(StoredFlavorCounts value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeRawValue(value.json());
    }
  }
}
