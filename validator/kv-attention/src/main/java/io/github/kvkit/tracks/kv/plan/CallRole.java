package io.github.kvkit.tracks.kv.plan;

/**
 * Why the validator makes a call, and what the judge needs to know about it.
 *
 * @param kind          what the call is for
 * @param stepName      the case step (instance) it belongs to, e.g. {@code decode#3}
 * @param stepCall      for derived calls, the index of the step call they check; else the call's own index
 * @param comparedRows  for {@link Kind#PERTURBED}: output rows {@code 0..comparedRows-1} must not change
 * @param why           for {@link Kind#REJECT}: what is wrong with the input
 * @param reference     for {@link Kind#STEP}: the position of this step among the case's forward step
 *                      instances (the index of its reference result); else -1
 */
public record CallRole(Kind kind, String stepName, int stepCall, int comparedRows, String why, int reference) {

    /** What a call is for. */
    public enum Kind {
        /** Builds the instance every later call uses. */
        CONSTRUCT,
        /** Loads the case's weights into it. */
        LOAD_WEIGHTS,
        /** A forward step of the case. */
        STEP,
        /** The same query on the whole key/value history without a cache: must equal the cached step. */
        EQUIVALENCE,
        /** The step again with future tokens changed: earlier output rows must not change. */
        PERTURBED,
        /** A call that must throw IllegalArgumentException. */
        REJECT
    }
}
