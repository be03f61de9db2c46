package io.github.kvkit.tracks.llama.harness;

import io.github.kvkit.harness.CallOutcome;

import java.util.Set;

/** What a call threw, as an outcome: the exception's type and message and the first frame in the candidate's code. */
final class Thrown {

    private Thrown() {
    }

    static CallOutcome.Threw outcome(Throwable t, Set<String> candidateClasses) {
        String where = "";
        for (StackTraceElement frame : t.getStackTrace()) {
            if (candidateClasses.contains(frame.getClassName())) {
                String simple = frame.getClassName().substring(frame.getClassName().lastIndexOf('.') + 1);
                where = frame.getFileName() + ":" + frame.getLineNumber() + " (" + simple + "." + frame.getMethodName()
                        + ")";
                break;
            }
        }
        String message = t.getMessage();
        if (t instanceof ExceptionInInitializerError e && e.getCause() != null) {
            message = e.getCause().getClass().getName() + ": " + e.getCause().getMessage();
        }
        return new CallOutcome.Threw(t.getClass().getName(), message == null ? "" : message, where,
                t instanceof IllegalArgumentException);
    }
}
