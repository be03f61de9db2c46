package io.github.kvkit.validator.run;

import io.github.kvkit.harness.wire.Frame;

/**
 * What happened to a child JVM, in the order it happened; a conversation waits on one queue of these, so that
 * whichever comes first (a frame, the end of the connection, too much output) decides.
 */
sealed interface ChildEvent {

    /** A frame from the child. */
    record Received(Frame frame) implements ChildEvent {
    }

    /** The connection ended: {@code why} is null at a clean end of stream, else the protocol problem. */
    record Closed(String why) implements ChildEvent {
    }

    /** The case printed {@code bytes}, past the output limit; the child is being killed. */
    record OutputExceeded(long bytes) implements ChildEvent {
    }
}
