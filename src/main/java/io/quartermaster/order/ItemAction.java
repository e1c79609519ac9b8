package io.quartermaster.order;

import com.fasterxml.jackson.annotation.JsonValue;

/** One kind of resource change an order carries out; {@link #wire()} is the contract's name. */
public enum ItemAction {
  CREATE_POOL("createPool"),
  CREATE_NODE("createNode"),
  DELETE_NODE("deleteNode"),
  DELETE_POOL("deletePool");

  private final String wire;

  ItemAction(String wire) {
    this.wire = wire;
  }

  /** The value written in responses, events and webhook bodies and stored in {@code action}. */
  @JsonValue
  public String wire() {
    return wire;
  }

  public static ItemAction fromWire(String value) {
    for (ItemAction action : values()) {
      if (action.wire.equals(value)) {
        return action;
      }
    }
    throw new IllegalArgumentException("unknown item action " + value);
  }

  /** Whether the action creates or deletes a node, rather than the pool. */
  public boolean changesNode() {
    return this == CREATE_NODE || this == DELETE_NODE;
  }
}
