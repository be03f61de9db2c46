package io.github.kvkit.validator.judge;

import io.github.kvkit.validator.result.Status;

/** Maps what the candidate threw to the case status that names it. */
public final class StatusOf {

    private StatusOf() {
    }

    public static Status exception(String type) {
        return switch (type) {
            case "java.lang.OutOfMemoryError" -> Status.OUT_OF_MEMORY;
            case "java.lang.StackOverflowError" -> Status.STACK_OVERFLOW;
            case "java.lang.ExceptionInInitializerError", "java.lang.NoClassDefFoundError" -> Status.INIT_ERROR;
            default -> Status.ERROR;
        };
    }
}
