package io.github.kvkit.validator.load;

import io.github.kvkit.harness.ProbeFailure;

/**
 * A compiled candidate that cannot be graded because it breaks the structural contract of
 * {@link io.github.kvkit.api.CachedAttention}. The message is meant for the student as is: it names the
 * file, the class and what was expected. When the candidate's own code threw, that exception is the cause.
 */
public final class ContractViolation extends Exception {

    private static final long serialVersionUID = 1L;

    /** What is wrong. */
    public enum Kind {
        /** No public top-level class in the file. */
        NO_PUBLIC_CLASS,
        /** The public top-level class does not implement the track's interface. */
        NOT_CACHED_ATTENTION,
        /** More than one public top-level class implements the track's interface. */
        AMBIGUOUS,
        /** The class is an interface, an enum or an annotation rather than a class. */
        NOT_A_CLASS,
        /** The class is abstract. */
        ABSTRACT,
        /** There is no public constructor with the track's parameters. */
        NO_CONSTRUCTOR,
        /** A class of the file could not be loaded, linked or verified. */
        LOAD_FAILED,
        /** A static initializer threw. */
        STATIC_INIT_FAILED,
        /** The probe's construction (kv-attention: {@code new C(16, 4, 32)}) threw. */
        CONSTRUCTOR_THROWS,
        /** The probe's construction did not return in time. */
        CONSTRUCTOR_TIMEOUT;

        /** The kind a probe failure is reported as. */
        public static Kind of(ProbeFailure.Kind failure) {
            return switch (failure) {
                case STATIC_INIT, NOT_INITIALIZED -> STATIC_INIT_FAILED;
                case LINKAGE -> LOAD_FAILED;
                case THREW -> CONSTRUCTOR_THROWS;
            };
        }
    }

    private final Kind kind;
    private final String className;

    public ContractViolation(Kind kind, String className, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.className = className;
    }

    public ContractViolation(Kind kind, String className, String message) {
        this(kind, className, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The binary name of the class concerned, or {@code null} when there is none (no public class). */
    public String className() {
        return className;
    }
}
