package io.github.kvkit.validator.kit;

/**
 * Why a kit cannot be written, in one line: the path or value, what is wrong with it, and what was expected.
 * Nothing of the kit is left behind when it is thrown.
 */
public final class KitException extends Exception {

    private static final long serialVersionUID = 1L;

    public KitException(String message) {
        super(message);
    }

    public KitException(String message, Throwable cause) {
        super(message, cause);
    }
}
