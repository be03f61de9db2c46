package io.github.kvkit.validator.judge;

/**
 * What a check found in one case.
 *
 * @param credit  the share of the check's weight earned, 0 to 1 (1: passed)
 * @param message why it failed, or what was measured when it passed (may be empty)
 */
public record Verdict(double credit, String message) {

    public static Verdict pass(String message) {
        return new Verdict(1, message);
    }

    public static Verdict fail(String message) {
        return new Verdict(0, message);
    }

    public boolean passed() {
        return credit >= 1;
    }
}
