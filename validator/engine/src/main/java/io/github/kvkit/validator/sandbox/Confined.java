package io.github.kvkit.validator.sandbox;

import java.io.IOException;

/** One child process as its sandbox starts it, and what the sandbox does once the child is gone. */
public interface Confined {

    /** The process to start: the sandbox's command around the child's, its environment and directory. */
    ProcessBuilder processBuilder();

    /** Starts {@link #processBuilder()} from a thread that outlives it (see {@link Spawner}). */
    default Process start() throws IOException {
        return Spawner.start(processBuilder());
    }

    /**
     * Called once the child has exited or been killed, and again at the validator's exit: kills whatever the child
     * left running that its sandbox does not kill by itself. Idempotent, never throws.
     */
    default void release() {
    }
}
