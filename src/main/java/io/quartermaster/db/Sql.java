package io.quartermaster.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.json.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Conversions between Java values and the schema's column types that every DAO needs: instants as
 * {@code timestamptz} in UTC, JSON values as {@code jsonb} text.
 */
public final class Sql {

  private Sql() {}

  /** An instant as the {@code timestamptz} parameter pgjdbc binds without guessing a zone. */
  public static OffsetDateTime timestamp(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  public static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  public static Optional<Instant> optionalInstant(ResultSet rs, String column) throws SQLException {
    return Optional.ofNullable(instant(rs, column));
  }

  /** Any value as {@code jsonb} text; bind it with {@code cast(:x as jsonb)}. */
  public static String json(Object value) {
    try {
      return Json.mapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("value is not serializable as JSON", e);
    }
  }

  public static JsonNode jsonNode(ResultSet rs, String column) throws SQLException {
    String text = rs.getString(column);
    if (text == null) {
      return null;
    }
    try {
      return Json.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new SQLException("column " + column + " holds invalid JSON", e);
    }
  }
}
