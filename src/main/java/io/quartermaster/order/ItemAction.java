package io.quartermaster.order;

/** One kind of resource change an order carries out; the names are the contract's. */
public enum ItemAction {
  createPool,
  createNode,
  deleteNode,
  deletePool
}
