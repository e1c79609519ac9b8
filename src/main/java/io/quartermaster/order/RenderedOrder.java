package io.quartermaster.order;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.quartermaster.json.Json;
import java.io.IOException;

/**
 * An order of ListOrders already written as JSON, with its UTF-8 bytes, so that a response copies
 * it instead of serializing the order again (see {@link RenderedOrders}).
 */
@JsonSerialize(using = RenderedOrder.Writer.class)
record RenderedOrder(SerializedString json) {

  /** The order's JSON as every response writes it: the service's one mapper, its rules. */
  static RenderedOrder of(Order order) {
    try {
      SerializedString json = new SerializedString(Json.mapper().writeValueAsString(order));
      json.asUnquotedUTF8(); // encoded once, here, not by each response that copies it
      return new RenderedOrder(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an order is not serializable as JSON", e);
    }
  }

  /** Copies the rendered bytes into the response as one JSON value. */
  static final class Writer extends StdSerializer<RenderedOrder> {
    Writer() {
      super(RenderedOrder.class);
    }

    @Override
    public void serialize(RenderedOrder value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeRawValue(value.json());
    }
  }
}
