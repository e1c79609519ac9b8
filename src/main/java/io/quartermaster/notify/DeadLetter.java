package io.quartermaster.notify;

import java.time.Instant;
import java.util.Optional;

/**
 * An event given up after the last attempt: the cursor moved past it so that the events after it
 * are not held up for ever.
 *
 * @param lastStatus the receiver's status on the last attempt; absent when it did not answer
 */
record DeadLetter(
    long seq,
    String eventType,
    String orderName,
    int attempts,
    Optional<Integer> lastStatus,
    String lastError,
    Instant deadAt) {}
