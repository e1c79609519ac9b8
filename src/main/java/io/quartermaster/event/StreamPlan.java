package io.quartermaster.event;

import java.util.Optional;

/**
 * Where a stream starts and what it follows, decided (and checked) before it opens.
 *
 * @param orderName the one order it follows; empty for the whole project
 * @param after the number of the last event the client has; the stream sends those after it
 * @param endsAfterReplay the order had already ended when the stream was asked for, so the stream
 *     ends once it has sent what the log holds
 */
record StreamPlan(
    String projectId, Optional<String> orderName, long after, boolean endsAfterReplay) {}
