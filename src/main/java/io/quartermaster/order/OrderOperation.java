package io.quartermaster.order;

/** What an order does to its pool; the lower-case name is the contract's {@code operation}. */
public enum OrderOperation {
  APPLY,
  MODIFY,
  DELETE;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static OrderOperation fromWireName(String value) {
    return valueOf(value.toUpperCase(java.util.Locale.ROOT));
  }
}
