package io.github.kvkit.validator.judge;

/**
 * One named check of a track: whether it applies to a case, and what it earns there. One small class per check;
 * a track lists them in the order reports show them.
 *
 * @param <R> what the check reads: the engine's {@link CaseRun}, or a track's richer view of it
 */
public interface Check<R extends CaseRun> {

    /** The name in reports and case files, e.g. {@code softmax_sum}. */
    String id();

    /** Null when the check does not apply to this case; else its verdict, before evidence is asked for. */
    Verdict judge(R run);

    /** Its weight in a case that scores {@code others} other checks (each weighing 1 by default). */
    default double weight(int others) {
        return 1;
    }

    /**
     * Whether it earns its marks only in a case where some call showed that the candidate computed something: a
     * property that code computing nothing also has (shapes, finiteness, unchanged inputs) proves nothing alone.
     */
    default boolean needsEvidence(R run) {
        return true;
    }
}
