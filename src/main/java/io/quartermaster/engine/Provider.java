package io.quartermaster.engine;

/**
 * The backend that really creates and deletes pools and nodes. The engine calls it once per order
 * item; after a crash it may call again for the same item, with the same idempotency key, and the
 * provider must then not act twice but report the first outcome.
 *
 * <p>A provider answers with an outcome for anything it understood, success or failure. It throws
 * only when it could not tell (a timeout, an unreachable endpoint): the engine then retries the
 * same call later.
 */
public interface Provider extends AutoCloseable {

  ProvisionOutcome apply(ProvisionRequest request) throws Exception;

  /** The provider's kind, as metrics label it ({@code simulated}, {@code webhook}). */
  default String name() {
    return "custom";
  }

  /**
   * Called when the engine gives up on an item whose calls kept throwing: the item fails, so
   * whatever the provider did for it under this idempotency key should be undone. The default does
   * nothing, for providers that cannot tell what they did; their operator reconciles by the key.
   */
  default void abandon(ProvisionRequest request) throws Exception {}

  /** Releases what the provider holds (connections, threads) when the engine stops. */
  @Override
  default void close() {}
}
