package io.github.kvkit.validator.diagnose;

/**
 * One hint about a named bug. Level 1 says the symptom (what the validator saw), level 2 where to look in the
 * student's file, level 3 the fix and why it is right.
 *
 * @param level 1, 2 or 3
 * @param text  one paragraph, plain text
 */
public record Hint(int level, String text) {

    /** The highest level there is. */
    public static final int MAX_LEVEL = 3;

    public Hint {
        if (level < 1 || level > MAX_LEVEL) {
            throw new IllegalArgumentException("hint level " + level + ", expected 1 to " + MAX_LEVEL);
        }
    }
}
