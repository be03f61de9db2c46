package io.github.kvkit.validator.run;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The limits a candidate runs under in its child JVM ({@link ChildJvmRunner}). {@code docs/isolation.md}
 * explains each; {@link #DEFAULTS} are the values the command line uses unless told otherwise.
 *
 * @param caseFloor        the least time a case gets
 * @param caseFactor       a case gets {@code max(caseFloor, caseFactor × the reference's time on it)}; the
 *                         reference's time is its thread's CPU time ({@code Validation})
 * @param total            the time for the whole candidate: child JVM starts, probe and every case
 * @param heapBytes        the child's {@code -Xmx}
 * @param offHeapBytes     ND4J's native memory: {@code org.bytedeco.javacpp.maxbytes}; the child's whole
 *                         resident size is capped at {@code heap + off-heap + }{@link #JVM_OVERHEAD_BYTES}
 *                         ({@code org.bytedeco.javacpp.maxphysicalbytes})
 * @param outputLimitBytes what a case may print (stdout and stderr together) before it is stopped
 * @param outputKeepBytes  how much of a case's output is kept for the report
 * @param probeTimeout     how long initializing and constructing the candidate once may take
 * @param startTimeout     how long a child JVM may take to start and load ND4J
 * @param exitGrace        how long a child JVM may take to exit when told to, or after it said it exits
 */
public record RunLimits(Duration caseFloor, double caseFactor, Duration total, long heapBytes, long offHeapBytes,
                        long outputLimitBytes, int outputKeepBytes, Duration probeTimeout, Duration startTimeout,
                        Duration exitGrace) {

    public static final long KIB = 1024;
    public static final long MIB = 1024 * KIB;
    public static final long GIB = 1024 * MIB;

    /** Added to heap and off-heap for the child's resident-size cap: JVM, code, thread stacks, ND4J's own. */
    public static final long JVM_OVERHEAD_BYTES = 512 * MIB;

    /**
     * The limit of every case after one timed out, while no forward call of the candidate has ever returned or
     * thrown: such code computes nothing, and giving each later case its full limit held a grader for minutes
     * (visible + hidden). A candidate that ever finishes a call keeps the full limits.
     */
    public static final Duration AFTER_HANG = Duration.ofSeconds(2);

    /** Defaults of the command-line options, in their text form (one source for the options and {@link #DEFAULTS}). */
    public static final String DEFAULT_CASE_FLOOR = "10s";
    public static final String DEFAULT_CASE_FACTOR = "200";
    public static final String DEFAULT_TOTAL = "10m";
    public static final String DEFAULT_HEAP = "1g";
    public static final String DEFAULT_OFF_HEAP = "2g";
    public static final String DEFAULT_OUTPUT_LIMIT = "32m";

    /**
     * Case floor 10 s, factor 200 (a plain-loop candidate is up to 50 × slower than the reference's CPU time on a
     * shipped case: 200 keeps it under a third of its limit, so its score does not depend on the machine's load),
     * total 10 min, heap 1 GiB, off-heap 2 GiB, output 32 MiB per case (a few KiB of debug prints per call
     * over a 1000-step decode stay far below it; 64 KiB
     * kept), probe 60 s (as in process), start 60 s, exit grace 2 s.
     */
    public static final RunLimits DEFAULTS = new RunLimits(parseDuration(DEFAULT_CASE_FLOOR),
            Double.parseDouble(DEFAULT_CASE_FACTOR), parseDuration(DEFAULT_TOTAL), parseSize(DEFAULT_HEAP),
            parseSize(DEFAULT_OFF_HEAP), parseSize(DEFAULT_OUTPUT_LIMIT), (int) (64 * KIB), Duration.ofSeconds(60),
            Duration.ofSeconds(60), Duration.ofSeconds(2));

    public RunLimits {
        Objects.requireNonNull(caseFloor, "caseFloor");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(probeTimeout, "probeTimeout");
        Objects.requireNonNull(startTimeout, "startTimeout");
        Objects.requireNonNull(exitGrace, "exitGrace");
        requirePositive(caseFloor, "the case time floor");
        requirePositive(total, "the total time limit");
        requirePositive(probeTimeout, "the probe timeout");
        requirePositive(startTimeout, "the start timeout");
        if (exitGrace.isNegative()) {
            throw new IllegalArgumentException(formatDuration(exitGrace) + " is negative: expected an exit grace >= 0");
        }
        if (!(caseFactor >= 0) || Double.isInfinite(caseFactor)) {
            throw new IllegalArgumentException(caseFactor + " is not a case time factor; expected a number >= 0");
        }
        if (heapBytes < 16 * MIB) {
            throw new IllegalArgumentException(formatSize(heapBytes) + " is too small for the heap; expected at least 16m");
        }
        if (offHeapBytes < 16 * MIB) {
            throw new IllegalArgumentException(formatSize(offHeapBytes)
                    + " is too small for the off-heap memory; expected at least 16m");
        }
        if (outputLimitBytes < 0 || outputKeepBytes < 0) {
            throw new IllegalArgumentException("negative output limit");
        }
    }

    private static void requirePositive(Duration d, String what) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(formatDuration(d) + " is too short for " + what + "; expected more than 0");
        }
    }

    /** {@code max(caseFloor, caseFactor × referenceTime)}. */
    public Duration caseLimit(Duration referenceTime) {
        double scaled = caseFactor * Math.max(0, referenceTime.toNanos());
        Duration byReference = scaled >= Long.MAX_VALUE ? Duration.ofNanos(Long.MAX_VALUE) : Duration.ofNanos((long) scaled);
        return byReference.compareTo(caseFloor) > 0 ? byReference : caseFloor;
    }

    /** {@code org.bytedeco.javacpp.maxphysicalbytes}: heap + off-heap + {@link #JVM_OVERHEAD_BYTES}. */
    public long maxPhysicalBytes() {
        return heapBytes + offHeapBytes + JVM_OVERHEAD_BYTES;
    }

    public RunLimits withCaseFloor(Duration d) {
        return new RunLimits(d, caseFactor, total, heapBytes, offHeapBytes, outputLimitBytes, outputKeepBytes,
                probeTimeout, startTimeout, exitGrace);
    }

    public RunLimits withCaseFactor(double f) {
        return new RunLimits(caseFloor, f, total, heapBytes, offHeapBytes, outputLimitBytes, outputKeepBytes,
                probeTimeout, startTimeout, exitGrace);
    }

    public RunLimits withTotal(Duration d) {
        return new RunLimits(caseFloor, caseFactor, d, heapBytes, offHeapBytes, outputLimitBytes, outputKeepBytes,
                probeTimeout, startTimeout, exitGrace);
    }

    public RunLimits withHeap(long bytes) {
        return new RunLimits(caseFloor, caseFactor, total, bytes, offHeapBytes, outputLimitBytes, outputKeepBytes,
                probeTimeout, startTimeout, exitGrace);
    }

    public RunLimits withOffHeap(long bytes) {
        return new RunLimits(caseFloor, caseFactor, total, heapBytes, bytes, outputLimitBytes, outputKeepBytes,
                probeTimeout, startTimeout, exitGrace);
    }

    public RunLimits withOutputLimit(long bytes) {
        return new RunLimits(caseFloor, caseFactor, total, heapBytes, offHeapBytes, bytes, outputKeepBytes,
                probeTimeout, startTimeout, exitGrace);
    }

    public RunLimits withOutputKeep(int bytes) {
        return new RunLimits(caseFloor, caseFactor, total, heapBytes, offHeapBytes, outputLimitBytes, bytes,
                probeTimeout, startTimeout, exitGrace);
    }

    public RunLimits withProbeTimeout(Duration d) {
        return new RunLimits(caseFloor, caseFactor, total, heapBytes, offHeapBytes, outputLimitBytes, outputKeepBytes,
                d, startTimeout, exitGrace);
    }

    // ------------------------------------------------------------------------------------ text forms

    /**
     * A size as the command line takes it: a whole number of bytes with an optional unit {@code k}, {@code m}
     * or {@code g} (powers of 1024, case-insensitive, an optional trailing {@code b}/{@code ib}):
     * {@code 1g}, {@code 512m}, {@code 64KiB}, {@code 1048576}.
     */
    public static long parseSize(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        if (s.endsWith("ib")) {
            s = s.substring(0, s.length() - 2);
        } else if (s.endsWith("b")) {
            s = s.substring(0, s.length() - 1);
        }
        long unit = 1;
        if (!s.isEmpty()) {
            char last = s.charAt(s.length() - 1);
            unit = switch (last) {
                case 'k' -> KIB;
                case 'm' -> MIB;
                case 'g' -> GIB;
                default -> 1;
            };
            if (unit != 1) {
                s = s.substring(0, s.length() - 1);
            }
        }
        if (!s.matches("[0-9]{1,15}") || Long.parseLong(s) > Long.MAX_VALUE / unit) {
            throw new IllegalArgumentException("'" + text + "' is not a size; expected e.g. 512m, 1g or 64k");
        }
        return Long.parseLong(s) * unit;
    }

    /**
     * A duration as the command line takes it: a number with an optional unit {@code ms}, {@code s} (the
     * default) or {@code m}: {@code 10}, {@code 2.5s}, {@code 500ms}, {@code 10m}.
     */
    public static Duration parseDuration(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        double unitMillis = 1000;
        if (s.endsWith("ms")) {
            unitMillis = 1;
            s = s.substring(0, s.length() - 2);
        } else if (s.endsWith("s")) {
            s = s.substring(0, s.length() - 1);
        } else if (s.endsWith("min")) {
            unitMillis = 60_000;
            s = s.substring(0, s.length() - 3);
        } else if (s.endsWith("m")) {
            unitMillis = 60_000;
            s = s.substring(0, s.length() - 1);
        }
        if (!s.matches("[0-9]{1,12}(\\.[0-9]{1,9})?")) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; expected e.g. 10s, 500ms or 10m");
        }
        return Duration.ofMillis(Math.round(Double.parseDouble(s) * unitMillis));
    }

    /** {@code 1g}, {@code 512m}, {@code 64k}, {@code 1000b}: the largest unit that divides it. */
    public static String formatSize(long bytes) {
        if (bytes > 0 && bytes % GIB == 0) {
            return bytes / GIB + "g";
        }
        if (bytes > 0 && bytes % MIB == 0) {
            return bytes / MIB + "m";
        }
        if (bytes > 0 && bytes % KIB == 0) {
            return bytes / KIB + "k";
        }
        return bytes + "b";
    }

    /** {@code 10 s}, {@code 2.5 s}, {@code 10 min}, {@code 500 ms}. */
    public static String formatDuration(Duration d) {
        long ms = d.toMillis();
        if (ms >= 60_000 && ms % 60_000 == 0) {
            return ms / 60_000 + " min";
        }
        if (ms >= 1000 || ms == 0) {
            double s = ms / 1000.0;
            return (s == Math.rint(s) ? String.valueOf((long) s) : String.format(Locale.ROOT, "%.3f", s)
                    .replaceAll("0+$", "")) + " s";
        }
        return ms + " ms";
    }
}
