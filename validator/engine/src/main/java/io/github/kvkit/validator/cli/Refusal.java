package io.github.kvkit.validator.cli;

/** What a command refuses before it grades anything: its message is the one line said on stderr. */
final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;

    Refusal(String message) {
        super(message);
    }
}
