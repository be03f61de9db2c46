package io.github.kvkit.validator.sandbox;

/** The mode asked for needs a sandbox and none works here; the message says why, in one line. */
public final class SandboxUnavailable extends Exception {

    public SandboxUnavailable(String message) {
        super(message);
    }
}
