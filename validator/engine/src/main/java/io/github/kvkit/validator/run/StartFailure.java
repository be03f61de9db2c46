package io.github.kvkit.validator.run;

/** A child JVM could not be started or made ready; the message says why, as a phrase about the JVM ("it ..."). */
final class StartFailure extends Exception {
    private static final long serialVersionUID = 1L;

    StartFailure(String message) {
        super(message);
    }
}
