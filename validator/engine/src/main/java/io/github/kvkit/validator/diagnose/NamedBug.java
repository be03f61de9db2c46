package io.github.kvkit.validator.diagnose;

import io.github.kvkit.validator.observe.Sign;

import java.util.List;

/**
 * A catalogued bug diagnose believes is still in the candidate.
 *
 * @param id         the catalog's id, e.g. {@code B07}
 * @param title      the catalog's one-line title, shown only with hints of level 3 (it gives the fix away)
 * @param confidence between 0 and 1: how much worse the best explanation of what was seen gets without this bug
 * @param explains   the signs seen that this bug's fingerprint has, in the order they were seen
 * @param hints      up to the level asked for, lowest first
 */
public record NamedBug(String id, String title, double confidence, List<Sign> explains, List<Hint> hints) {

    public NamedBug {
        explains = List.copyOf(explains);
        hints = List.copyOf(hints);
    }
}
