package io.quartermaster.order;

import java.util.UUID;

/** An order as its pool sees it: which pool, what the order does to it, and the order's name. */
public record PoolOrder(UUID poolId, String orderName, OrderOperation operation) {}
