package io.github.kvkit.harness;

import java.lang.reflect.InvocationTargetException;
import java.util.Set;

/**
 * How the probe of a candidate class failed (its static initializer, then one construction with the contract's
 * probe arguments), and the one message a student reads for it. Both places that probe, the validator's JVM
 * ({@code --in-process}) and the child JVM, classify here, so they always say the same.
 *
 * @param owner       the candidate class whose static initializer threw, or the candidate class
 * @param description {@code "Type: message"} of what was thrown
 * @param where       {@code " (at File.java:12)"} for the innermost frame in the candidate's code, or empty
 */
public record ProbeFailure(Kind kind, String owner, String description, String where) {

    /** The kinds of failure, each worded once by {@link #message}. */
    public enum Kind {
        /** A static initializer of a candidate class threw. */
        STATIC_INIT,
        /** A class the constructor uses failed to initialize earlier ("Could not initialize class"). */
        NOT_INITIALIZED,
        /** The class could not be linked while initializing. */
        LINKAGE,
        /** The constructor threw. */
        THREW
    }

    /**
     * The failure {@code thrown} stands for, or null when the probe succeeded.
     *
     * @param initializing     whether it was thrown while the class initialized, before the constructor ran
     * @param candidateClasses the binary names of the candidate's classes
     * @param simpleName       the candidate class's simple name
     */
    public static ProbeFailure of(Throwable thrown, boolean initializing, Set<String> candidateClasses, String simpleName) {
        Throwable t = thrown;
        if (t == null) {
            return null;
        }
        if (t instanceof InvocationTargetException ite && ite.getCause() != null) {
            t = ite.getCause();
        }
        if (t instanceof ExceptionInInitializerError eiie) {
            Throwable cause = eiie.getCause() != null ? eiie.getCause() : eiie;
            return new ProbeFailure(Kind.STATIC_INIT, initializerOwner(cause, candidateClasses, simpleName),
                    describe(cause), where(cause, candidateClasses));
        }
        if (t instanceof NoClassDefFoundError && String.valueOf(t.getMessage()).startsWith("Could not initialize")) {
            return new ProbeFailure(Kind.NOT_INITIALIZED, simpleName, describe(t), "");
        }
        if (t instanceof LinkageError && initializing) {
            return new ProbeFailure(Kind.LINKAGE, simpleName, describe(t), "");
        }
        return new ProbeFailure(Kind.THREW, simpleName, describe(t), where(t, candidateClasses));
    }

    /** What the student reads, after the file's name. */
    public String message(String simpleName, Contract contract) {
        String call = contract.probeCall(simpleName);
        return switch (kind) {
            case STATIC_INIT -> "the static initializer of class " + owner + " threw " + description + where
                    + initializerExpected(owner);
            case NOT_INITIALIZED -> call + " failed: " + description
                    + " (expected: every class the constructor uses to initialize without throwing)";
            case LINKAGE -> "class " + simpleName + " could not be initialized: " + description;
            case THREW -> call + " threw " + description + where + constructorExpected(contract);
        };
    }

    /** What a static initializer must do, as messages say it. */
    public static String initializerExpected(String owner) {
        return " (expected: the static fields and static blocks of " + owner + " to initialize without throwing)";
    }

    /** What the probe's construction must do, as messages say it. */
    public static String constructorExpected(Contract contract) {
        return " (expected: the constructor to succeed for " + contract.probeWords() + ")";
    }

    /** {@code "Type: message"}, or the type alone. */
    public static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getName() : t.getClass().getName() + ": " + t.getMessage();
    }

    /** The candidate class whose {@code <clinit>} threw, from the stack; the candidate class if unknown. */
    private static String initializerOwner(Throwable cause, Set<String> candidateClasses, String simpleName) {
        for (StackTraceElement frame : cause.getStackTrace()) {
            if ("<clinit>".equals(frame.getMethodName()) && candidateClasses.contains(frame.getClassName())) {
                String s = frame.getClassName();
                return s.substring(s.lastIndexOf('.') + 1).replace('$', '.');
            }
        }
        return simpleName;
    }

    /** {@code " (at Foo.java:12)"} for the innermost frame in the candidate's code, or empty. */
    private static String where(Throwable t, Set<String> candidateClasses) {
        for (StackTraceElement frame : t.getStackTrace()) {
            if (candidateClasses.contains(frame.getClassName()) && frame.getLineNumber() > 0) {
                return " (at " + frame.getFileName() + ":" + frame.getLineNumber() + ")";
            }
        }
        return "";
    }
}
