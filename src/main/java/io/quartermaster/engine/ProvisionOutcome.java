package io.quartermaster.engine;

import java.util.Optional;

/** What a provider made of a request: done, or refused with a message for the order's user. */
public sealed interface ProvisionOutcome {

  record Succeeded(Optional<String> message) implements ProvisionOutcome {}

  record Failed(String message) implements ProvisionOutcome {
    public Failed {
      if (message == null || message.isBlank()) {
        throw new IllegalArgumentException("a failure needs a message");
      }
    }
  }

  static ProvisionOutcome succeeded() {
    return new Succeeded(Optional.empty());
  }

  static ProvisionOutcome failed(String message) {
    return new Failed(message);
  }
}
