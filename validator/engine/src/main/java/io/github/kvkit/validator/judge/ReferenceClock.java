package io.github.kvkit.validator.judge;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;

/**
 * The reference's time on a case, the base of the case's time limit: the CPU time of the thread that computes it,
 * not the wall time. The reference runs next to javac, the candidate's JVM and whatever else shares the machine;
 * its wall time on the same case swung from 0.7 to 1.3 s between runs of one command (the candidate's limit with
 * it), while its CPU time stayed within about 20 %. Wall time only where the JVM cannot measure a thread's CPU time.
 */
record ReferenceClock(long wallStart, long cpuStart) {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    static ReferenceClock start() {
        return new ReferenceClock(System.nanoTime(), cpuNow());
    }

    Duration elapsed() {
        long cpu = cpuNow();
        return Duration.ofNanos(cpuStart >= 0 && cpu >= 0 ? cpu - cpuStart : System.nanoTime() - wallStart);
    }

    /** This thread's CPU time in nanoseconds, or -1 where it cannot be had. */
    private static long cpuNow() {
        try {
            return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
        } catch (UnsupportedOperationException e) {
            return -1;
        }
    }
}
