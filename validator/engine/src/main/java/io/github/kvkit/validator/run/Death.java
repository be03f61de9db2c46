package io.github.kvkit.validator.run;

import io.github.kvkit.validator.result.Status;

/**
 * How a child JVM ended without finishing what it was asked, worded for a report.
 *
 * @param status  the status of the case it ended
 * @param what    what the candidate did, as a phrase that follows the name of the running call or check
 *                ("called System.exit(3)")
 * @param harness whether the harness in the child failed, rather than the candidate
 */
record Death(Status status, String what, boolean harness) {

    /**
     * Waits for a child that closed its connection to exit, and says why it did: from what it said before (a
     * FAILED frame, an EXITING frame: {@code exitReported}), whether it printed too much, and its exit code.
     *
     * @param protocolProblem what the child sent that breaks the protocol, or null
     */
    static Death diagnose(ChildJvm c, boolean exitReported, String protocolProblem, RunLimits limits) {
        if (protocolProblem != null) {
            c.kill();
            return new Death(Status.CRASHED, "made the candidate's JVM break the validator's protocol ("
                    + protocolProblem + "); stopped", false);
        }
        Integer code = c.awaitExit(limits.exitGrace());
        if (code == null) {
            c.kill();
        }
        if (c.outputLimitHit()) {
            return outputLimit(limits);
        }
        if (c.failure() != null) {
            return new Death(Status.CRASHED, "made the harness in the candidate's JVM fail: " + c.failure(), true);
        }
        if (exitReported) {
            return new Death(Status.EXIT_CALLED, code == null
                    ? "called System.exit, and the JVM did not finish exiting within "
                            + RunLimits.formatDuration(limits.exitGrace()) + "; stopped"
                    : "called System.exit(" + code + ")", false);
        }
        if (code == null) {
            return new Death(Status.CRASHED, "closed the validator's connection to its JVM; stopped", false);
        }
        if (code == 3) {
            return new Death(Status.OUT_OF_MEMORY, "ran out of heap memory (-Xmx" + RunLimits.formatSize(limits.heapBytes())
                    + "): the JVM stopped with exit code 3, as -XX:+ExitOnOutOfMemoryError does", false);
        }
        if (code > 128 && code <= 128 + 64 && !ChildCommand.isWindows()) {
            int signal = code - 128;
            return new Death(Status.CRASHED, "crashed the JVM: it died of signal " + signal + signalName(signal)
                    + " (exit code " + code + ")" + (signal == 9 ? ", killed from outside, e.g. by the system's"
                    + " out-of-memory killer" : ""), false);
        }
        return new Death(Status.EXIT_CALLED, "stopped the JVM with exit code " + code
                + " without running its shutdown hooks, as Runtime.halt(" + code + ") does", false);
    }

    /** A case printed past the output limit, and its child was killed for it. */
    static Death outputLimit(RunLimits limits) {
        return new Death(Status.OUTPUT_LIMIT, "printed more than " + RunLimits.formatSize(limits.outputLimitBytes())
                + ", the output limit of a case; stopped", false);
    }

    /** " (SIGSEGV)" for the signals a JVM commonly dies of, else "". */
    private static String signalName(int signal) {
        String name = switch (signal) {
            case 1 -> "HUP";
            case 2 -> "INT";
            case 4 -> "ILL";
            case 6 -> "ABRT";
            case 7 -> "BUS";
            case 8 -> "FPE";
            case 9 -> "KILL";
            case 11 -> "SEGV";
            case 15 -> "TERM";
            default -> "";
        };
        return name.isEmpty() ? "" : " (SIG" + name + ")";
    }
}
