package io.github.kvkit.validator.observe;

import java.util.Objects;

/**
 * One thing the validator saw in a case's run: a check that failed, a property that does not hold, where the first
 * deviation from the reference appears. Diagnose compares the signs a candidate shows with those each catalogued
 * bug shows alone (its fingerprint), by key only.
 *
 * @param key  stable and comparable across runs of the same cases, e.g. {@code "weights-sum-over-queries@01_prefill/prefill"};
 *             it names no value that changes from run to run (no error magnitude, no time)
 * @param text the same in a student's terms, one line, e.g. "in case 01_prefill, step prefill, the attention
 *             weights sum to 1 over the query axis instead of the key axis"
 */
public record Sign(String key, String text) {

    public Sign {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(text, "text");
    }

    /** A sign keyed {@code what@where}. */
    public static Sign of(String what, String where, String text) {
        return new Sign(what + "@" + where, text);
    }

    /** The part of the key before {@code @}: what was seen, wherever it was seen. */
    public String what() {
        int at = key.indexOf('@');
        return at < 0 ? key : key.substring(0, at);
    }

    /** The part of the key after {@code @} (the case, and where in it), or empty. */
    public String where() {
        int at = key.indexOf('@');
        return at < 0 ? "" : key.substring(at + 1);
    }
}
