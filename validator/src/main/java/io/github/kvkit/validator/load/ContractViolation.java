package io.github.kvkit.validator.load;

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
        /** The public top-level class does not implement {@code CachedAttention}. */
        NOT_CACHED_ATTENTION,
        /** More than one public top-level class implements {@code CachedAttention}. */
        AMBIGUOUS,
        /** The class is an interface, an enum or an annotation rather than a class. */
        NOT_A_CLASS,
        /** The class is abstract. */
        ABSTRACT,
        /** There is no public constructor {@code (int dModel, int numHeads, int maxCacheLen)}. */
        NO_CONSTRUCTOR,
        /** A class of the file could not be loaded, linked or verified. */
        LOAD_FAILED,
        /** A static initializer threw. */
        STATIC_INIT_FAILED,
        /** {@code new C(16, 4, 32)} threw. */
        CONSTRUCTOR_THROWS,
        /** {@code new C(16, 4, 32)} did not return in time. */
        CONSTRUCTOR_TIMEOUT
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
