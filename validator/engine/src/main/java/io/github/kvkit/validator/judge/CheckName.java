package io.github.kvkit.validator.judge;

import java.util.Locale;

/** The checks a case is scored on, in the order reports list them. */
public enum CheckName {
    /** Output, cache and weights have the shapes of the spec; the output has the query's data type. */
    SHAPE,
    /** No NaN or infinity in anything returned. */
    FINITE,
    /** Every attention row is non-negative and sums to 1. */
    SOFTMAX_SUM,
    /** Future keys weigh exactly 0, and changing future tokens leaves earlier outputs unchanged. */
    CAUSAL_MASK,
    /** A step fed through the cache equals the same query on the whole history without a cache. */
    CACHE_EQUIVALENCE,
    /** Output, cache and weights match the reference within the case's tolerance. */
    REFERENCE,
    /** The caller's arrays, cache and weights are bit-for-bit the same after every call. */
    INPUTS_UNCHANGED,
    /** Bad input is refused with an IllegalArgumentException that has a message. */
    REJECTS_BAD_INPUT;

    /** The name in reports and case files, e.g. {@code softmax_sum}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
