package io.github.kvkit.validator.batch;

/**
 * Input a batch cannot start from (no submissions folder, gradebooks of different cases to merge): its message is the
 * one line the command line says, naming the file or folder and what was expected.
 */
public final class BatchException extends Exception {

    private static final long serialVersionUID = 1L;

    public BatchException(String message) {
        super(message);
    }

    public BatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
