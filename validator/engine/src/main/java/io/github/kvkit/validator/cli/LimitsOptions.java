package io.github.kvkit.validator.cli;

import io.github.kvkit.validator.cli.LimitConverters.DurationConverter;
import io.github.kvkit.validator.cli.LimitConverters.FactorConverter;
import io.github.kvkit.validator.cli.LimitConverters.SizeConverter;
import io.github.kvkit.validator.run.RunLimits;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * The limits a candidate runs under in its child JVM, as options (a mixin of {@link ValidateOptions}), and the
 * {@link RunLimits} they make. Defaults are {@link RunLimits}' own, in their text form.
 */
final class LimitsOptions {

    static final String TIME_FLOOR = "--time-floor";
    static final String TIME_FACTOR = "--time-factor";
    static final String TIME_TOTAL = "--time-total";
    static final String HEAP = "--heap";
    static final String OFF_HEAP = "--off-heap";
    static final String OUTPUT_LIMIT = "--output-limit";

    @Option(names = TIME_FLOOR, paramLabel = "DURATION", defaultValue = RunLimits.DEFAULT_CASE_FLOOR,
            converter = DurationConverter.class,
            description = "The least time a case gets, e.g. 10s, 500ms (default: ${DEFAULT-VALUE}).")
    Duration caseFloor;

    @Option(names = TIME_FACTOR, paramLabel = "N", defaultValue = RunLimits.DEFAULT_CASE_FACTOR,
            converter = FactorConverter.class,
            description = "A case gets max(floor, N x the reference's CPU time on the same case in this run) (default: ${DEFAULT-VALUE}).")
    double caseFactor;

    @Option(names = TIME_TOTAL, paramLabel = "DURATION", defaultValue = RunLimits.DEFAULT_TOTAL,
            converter = DurationConverter.class,
            description = "The time for the whole candidate, JVM starts included; cases left when it runs out are not run "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration total;

    @Option(names = HEAP, paramLabel = "SIZE", defaultValue = RunLimits.DEFAULT_HEAP, converter = SizeConverter.class,
            description = "The candidate JVM's heap, -Xmx, e.g. 512m, 1g (default: ${DEFAULT-VALUE}).")
    long heapBytes;

    @Option(names = OFF_HEAP, paramLabel = "SIZE", defaultValue = RunLimits.DEFAULT_OFF_HEAP,
            converter = SizeConverter.class,
            description = "ND4J's native memory (JavaCPP maxbytes); the JVM's resident size is capped at heap + off-heap "
                    + "+ 512m (default: ${DEFAULT-VALUE}).")
    long offHeapBytes;

    @Option(names = OUTPUT_LIMIT, paramLabel = "SIZE", defaultValue = RunLimits.DEFAULT_OUTPUT_LIMIT,
            converter = SizeConverter.class,
            description = "What a case may print (stdout and stderr) before it is stopped with status output_limit; the "
                    + "first 64k of each case are kept (default: ${DEFAULT-VALUE}).")
    long outputLimitBytes;

    /**
     * {@link RunLimits#DEFAULTS} with the values of these options.
     *
     * @throws IllegalArgumentException when {@link RunLimits} refuses a value that is well formed but out of range
     *                                  (a heap under 16m, a floor of 0); the message starts with the option's name
     */
    RunLimits toRunLimits() {
        RunLimits limits = RunLimits.DEFAULTS;
        limits = byOption(TIME_FLOOR, limits, l -> l.withCaseFloor(caseFloor));
        limits = byOption(TIME_FACTOR, limits, l -> l.withCaseFactor(caseFactor));
        limits = byOption(TIME_TOTAL, limits, l -> l.withTotal(total));
        limits = byOption(HEAP, limits, l -> l.withHeap(heapBytes));
        limits = byOption(OFF_HEAP, limits, l -> l.withOffHeap(offHeapBytes));
        return byOption(OUTPUT_LIMIT, limits, l -> l.withOutputLimit(outputLimitBytes));
    }

    // RunLimits says what is wrong with a value but not which option gave it; one change at a time, a refusal
    // can only be about the option just applied.
    private static RunLimits byOption(String option, RunLimits limits, UnaryOperator<RunLimits> change) {
        try {
            return change.apply(limits);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " " + e.getMessage(), e);
        }
    }
}
