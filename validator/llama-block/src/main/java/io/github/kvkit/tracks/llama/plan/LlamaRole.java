package io.github.kvkit.tracks.llama.plan;

/**
 * Why the validator makes a call, and what the judge needs to know about it.
 *
 * @param kind         what the call is for
 * @param stepName     the case step (instance) it belongs to, e.g. {@code decode#3}; for a sequence's own calls
 *                     ({@link Kind#PREFILL}, {@link Kind#ONE_BY_ONE}) the name of the sequence's first step
 * @param stepCall     for {@link Kind#PERTURBED}, the index of the call it changes the future of; else its own index
 * @param sequence     the sequence ({@link Sequence#id()}) a forward call belongs to, or -1
 * @param pos          a forward call's {@code pos}
 * @param tokens       a forward call's {@code T}
 * @param comparedRows for {@link Kind#PERTURBED}: output rows {@code 0 .. comparedRows-1} must not change
 * @param why          for {@link Kind#REJECT}: what is wrong with the input
 * @param reference    for {@link Kind#STEP}: its position among the case's forward step instances (the index of its
 *                     reference result); else -1
 */
public record LlamaRole(Kind kind, String stepName, int stepCall, int sequence, int pos, int tokens, int comparedRows,
                        String why, int reference) {

    /** What a call is for. */
    public enum Kind {
        /** Builds the instance every later call uses. */
        CONSTRUCT,
        /** Loads the case's weights into it. */
        LOAD_WEIGHTS,
        /** A forward step of the case, on its sequence's cache. */
        STEP,
        /** A whole sequence's tokens in one call, on a fresh copy of its first cache: must give the steps' outputs. */
        PREFILL,
        /**
         * One token of a sequence, on another fresh copy, one call per token as far as the sequence's last call of
         * several tokens: must give the steps' outputs.
         */
        ONE_BY_ONE,
        /** A call again, on its cache as it was before, with its later tokens changed: earlier rows must not change. */
        PERTURBED,
        /** A call that must throw IllegalArgumentException. */
        REJECT
    }

    /** A role with no forward call's position, sequence or reference result. */
    static LlamaRole of(Kind kind, String stepName, int call, String why) {
        return new LlamaRole(kind, stepName, call, -1, 0, 0, 0, why, -1);
    }
}
