package io.quartermaster.order;

/** What placing an order produced: its names and whether it waits ({@code pending}). */
public record PlacedOrder(long id, String orderName, String orderId, boolean pending) {}
