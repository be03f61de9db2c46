package io.github.kvkit.validator.diagnose;

/**
 * A catalogued fix tried on a copy of the candidate ({@code --try-fixes}): the score before and after. A fix that
 * does not raise the score is reported but not suggested.
 *
 * @param bugId  the bug the fix removes
 * @param line   the 1-based line of the candidate's file the fix replaces
 * @param before the candidate's score
 * @param after  the copy's score with the fix
 */
public record FixTrial(String bugId, int line, double before, double after) {

    /** Whether the fix raised the score, so that it is suggested. */
    public boolean helps() {
        return after > before + 1e-9;
    }
}
