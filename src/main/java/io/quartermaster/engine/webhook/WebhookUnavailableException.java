package io.quartermaster.engine.webhook;

/**
 * The endpoint gave no answer that decides the item, within the attempts of one provider call. The
 * engine then retries the whole call later with the same idempotency key, and fails the order when
 * its own retries run out; the message ends up in the order's fail reason, so it names what went
 * wrong but never the endpoint's address or secret.
 */
public final class WebhookUnavailableException extends RuntimeException {

  WebhookUnavailableException(String message) {
    super(message);
  }
}
