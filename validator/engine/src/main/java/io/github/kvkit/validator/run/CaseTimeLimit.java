package io.github.kvkit.validator.run;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The time limit of one case, how it is kept, and how it is worded when it runs out. The limit is on the child's
 * CPU time, so load on the machine cannot time out a correct candidate; wall time only backs it up (a candidate
 * that sleeps), and is the limit itself where the CPU time cannot be read, where the total time limit ends first,
 * and for a candidate that hung. Made by {@link TimeBudget#forCase}, started by {@link #start}.
 */
final class CaseTimeLimit {

    /** A case's wall time may be this many times its limit (on CPU time) before it is stopped all the same. */
    static final long WALL_BACKSTOP = 10;
    /** How often a running case's CPU time is read. */
    private static final long CPU_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final RunLimits limits;
    private final Duration caseLimit;
    private final Duration referenceTime;
    private final boolean hung;
    private final long totalLeft;
    private final boolean totalBinds;
    private ChildJvm child;
    private long sent;
    private long cpuStart;
    private boolean byCpu;
    private long deadline;
    private int late;
    private int lateAllowed;

    /**
     * @param caseLimit the case's limit
     * @param hung      whether the candidate hung before: then {@code caseLimit} is the short one, on wall time
     * @param totalLeft what is left of the candidate's total time limit
     */
    CaseTimeLimit(RunLimits limits, Duration caseLimit, Duration referenceTime, boolean hung, long totalLeft) {
        this.limits = limits;
        this.caseLimit = caseLimit;
        this.referenceTime = referenceTime;
        this.hung = hung;
        this.totalLeft = totalLeft;
        this.totalBinds = totalLeft < caseLimit.toNanos();
    }

    /** Starts the clock, just before the case's {@code calls} calls are sent to {@code c}. */
    void start(ChildJvm c, int calls) {
        child = c;
        lateAllowed = calls + 2;
        sent = System.nanoTime();
        cpuStart = c.cpuNanos();
        byCpu = cpuStart >= 0 && !totalBinds && !hung;     // a hung candidate has no claim to fairness
        deadline = sent + Math.min(byCpu ? WALL_BACKSTOP * caseLimit.toNanos() : caseLimit.toNanos(), totalLeft);
    }

    /** The child's next event, waiting while the case has time left; null once it has none. */
    ChildEvent next() throws InterruptedException {
        while (true) {
            long wait = deadline - System.nanoTime();
            // past the deadline, what already arrived still counts (the case may have just finished), within
            // reason: a flood of frames cannot keep the case going
            ChildEvent ev = wait > 0 ? child.poll(byCpu ? Math.min(wait, CPU_POLL_NANOS) : wait)
                    : late++ <= lateAllowed ? child.poll() : null;
            if (ev == null && wait > 0 && byCpu && child.cpuNanos() - cpuStart < caseLimit.toNanos()) {
                continue;       // within its CPU time: keep waiting
            }
            return ev;
        }
    }

    /** Wall time since {@link #start}, in milliseconds. */
    long elapsedMillis() {
        return (System.nanoTime() - sent) / 1_000_000;
    }

    /** Why the case was stopped once {@link #next} gave null: a phrase that follows the running call's name. */
    String exceeded() {
        return totalBinds
                ? "was still running when the total time limit of " + RunLimits.formatDuration(limits.total())
                        + " for the candidate ran out; stopped"
                : hung
                ? "did not finish within " + RunLimits.formatDuration(caseLimit)
                        + ", the limit of a case once the candidate has timed out without ever finishing a "
                        + "call; stopped"
                : "did not finish within the case's time limit of " + RunLimits.formatDuration(caseLimit)
                        + (byCpu ? " of CPU time" : "") + " (the larger of " + RunLimits.formatDuration(limits.caseFloor())
                        + " and " + factor() + " × the reference's " + RunLimits.formatDuration(referenceTime)
                        + "); stopped";
    }

    private String factor() {
        double f = limits.caseFactor();
        return f == Math.rint(f) ? String.valueOf((long) f) : String.valueOf(f);
    }
}
